import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newDeviceKey } from '../kernel/device-key.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { LegacyClient, LegacyDeviceAuthStore, legacyCliCall } from './legacy-client.js';

// Item 3 of issue 11: a shared-secret connect from a device that already holds a device token
// must not invalidate the token the existing CLI stored.

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady();
});
afterAll(async () => {
  await gw?.stop();
});

describe('existing CLI: the device token it stored keeps working', () => {
  it('a second shared-secret connect of the same device leaves the stored token valid', async () => {
    const identity = newDeviceKey();
    const cliStore = new LegacyDeviceAuthStore();
    // First `moltbot health` on this machine: no stored token yet, so the shared token; the
    // gateway hands out a device token, which the CLI stores.
    await legacyCliCall({ url: gw.url, token: gw.token, identity, authStore: cliStore }, 'health');
    const stored = cliStore.load('operator');
    expect(stored).toMatch(/^[A-Za-z0-9_-]{32,}$/);

    // Another client with the same device identity and no stored token of its own (the TUI of
    // another profile, a script run with --token) proves the shared secret again.
    const other = await LegacyClient.connect({
      url: gw.url,
      token: gw.token,
      identity,
      authStore: new LegacyDeviceAuthStore(),
      clientName: 'cli',
      mode: 'probe',
    });
    expect(other.hello.auth.deviceToken).toBe(stored);
    other.close();

    // The CLI's next command sends its stored token and must get through on the first try
    // (before the fix it failed once with "invalid token", then the CLI forgot the token).
    const probeStatus = await LegacyClient.connect({
      url: gw.url,
      token: gw.token,
      identity,
      authStore: cliStore,
      clientName: 'cli',
      mode: 'cli',
      scopes: ['operator.admin', 'operator.approvals', 'operator.pairing'],
    });
    expect(probeStatus.sent[0].params.auth.token).toBe(stored);
    expect((await probeStatus.request('status', {})).version).toBeDefined();
    probeStatus.close();
    expect(cliStore.load('operator')).toBe(stored);
  });

  it('device.token.rotate replaces the token: the CLI falls back to the shared token once, re-stores', async () => {
    const identity = newDeviceKey();
    const cliStore = new LegacyDeviceAuthStore();
    const base = { url: gw.url, token: gw.token, identity, authStore: cliStore };
    await legacyCliCall(base, 'health');
    const first = cliStore.load('operator')!;
    const rotated = await legacyCliCall(base, 'device.token.rotate', { deviceId: identity.id, role: 'operator' });
    expect(rotated.deviceToken).not.toBe(first);
    // The stored token is the old one now: refused, and the CLI forgets it (its own fallback).
    await expect(legacyCliCall(base, 'health')).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
    expect(cliStore.load('operator')).toBeUndefined();
    // Next call: the shared token, and the gateway hands over the rotated token.
    await legacyCliCall(base, 'health');
    expect(cliStore.load('operator')).toBe(rotated.deviceToken);
  });
});
