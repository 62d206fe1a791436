import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, tempHome } from '../cli/run-cli.js';
import { eventually } from '../support/eventually.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { connectDevice, sendConnect } from './device-connect.js';
import { newDeviceKey } from './device-key.js';
import { openRaw } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady({ config: { gateway: { pairing: { maxPending: 3 }, tickIntervalMs: 1000 } } });
}, 60_000);
afterAll(async () => {
  await gw?.stop();
});

async function pending(): Promise<any[]> {
  const c = await gw.client();
  try {
    return (await c.request('device.pair.list')).pending;
  } finally {
    c.close();
  }
}

describe('pairing requests (kernel)', () => {
  it('a device with a valid key and no credential: pending request, NOT_PAIRED, 1008 "pairing required"', async () => {
    const key = newDeviceKey();
    const first = await connectDevice(gw.url, {
      key,
      role: 'node',
      displayName: 'build-box',
      commands: ['system.info'],
    });
    expect(first.res.ok).toBe(false);
    expect(first.res.error.code).toBe('NOT_PAIRED');
    expect(first.res.error.details).toMatchObject({ errorCode: 'GW_ERR_DEVICE_NOT_PAIRED', deviceId: key.id });
    const { requestId } = first.res.error.details;
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    expect(first.res.error.message).toContain(`moltbot devices approve ${requestId}`);
    expect(first.close).toEqual({ code: 1008, reason: 'pairing required' });

    const again = await connectDevice(gw.url, { key, role: 'node', displayName: 'build-box' });
    expect(again.res.error.details.requestId).toBe(requestId);
    const row = (await pending()).find((r) => r.requestId === requestId);
    expect(row).toMatchObject({
      deviceId: key.id,
      publicKey: key.publicKey,
      role: 'node',
      scopes: ['node'],
      displayName: 'build-box',
      clientId: 'node-host',
      remoteIp: '127.0.0.1',
      browser: false,
      isRepair: false,
    });
    expect(row.expiresAtMs - row.createdAtMs).toBe(10 * 60 * 1000);
  });

  it('a wrong credential is not a pairing request: UNAUTHORIZED, nothing recorded', async () => {
    const key = newDeviceKey();
    const r = await connectDevice(gw.url, { key, token: 'not-the-secret' });
    expect(r.res.error.code).toBe('UNAUTHORIZED');
    expect((await pending()).some((p) => p.deviceId === key.id)).toBe(false);
  });

  it('a replayed signed connect is refused on a second socket (v2 by its nonce, v1 by its signature)', async () => {
    const v2 = await connectDevice(gw.url, { key: newDeviceKey(), token: gw.token });
    expect(v2.res.ok).toBe(true);
    const replay2 = await sendConnect(await openRaw(gw.url), v2.frame);
    expect(replay2.res.error.code).toBe('UNAUTHORIZED');
    expect(replay2.res.error.message).toMatch(/nonce/);
    expect(replay2.close?.code).toBe(1008);

    const v1 = await connectDevice(gw.url, { key: newDeviceKey(), token: gw.token, v1: true });
    expect(v1.res.ok).toBe(true);
    const replay1 = await sendConnect(await openRaw(gw.url), v1.frame);
    expect(replay1.res.error.code).toBe('UNAUTHORIZED');
    expect(replay1.res.error.message).toMatch(/already used/);
    expect(replay1.close?.code).toBe(1008);
    v2.sock.ws.close();
    v1.sock.ws.close();
  });

  it('at most gateway.pairing.maxPending wait: the oldest request expires first', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await connectDevice(gw.url, { key: newDeviceKey(), role: 'node' });
      ids.push(r.res.error.details.requestId);
    }
    const waiting = (await pending()).map((r) => r.requestId);
    expect(waiting).toEqual(ids.slice(1));
  });

  it('revoking a device token closes that device’s open socket with 1008 at once', async () => {
    const key = newDeviceKey();
    const first = await connectDevice(gw.url, { key, token: gw.token });
    const deviceToken = first.res.payload.auth.deviceToken;
    first.sock.ws.close();
    const live = await connectDevice(gw.url, { key, token: deviceToken });
    expect(live.res.ok).toBe(true);
    const c = await gw.client();
    expect(await c.request('device.token.revoke', { deviceId: key.id })).toMatchObject({ ok: true, deviceId: key.id });
    expect(await live.sock.closed).toEqual({ code: 1008, reason: 'device token revoked' });
    c.close();
  });

  it('nodes get tick but not operator broadcasts such as presence', async () => {
    const watcher = await gw.client();
    const node = await connectDevice(gw.url, { key: newDeviceKey(), token: gw.token, role: 'node' });
    expect(node.res.ok).toBe(true);
    const op = await gw.client({ instanceId: 'second-operator' });
    await watcher.waitForEvent(
      (e) => e.event === 'presence' && e.payload.presence.some((p: any) => p.instanceId === 'second-operator'),
    );
    await eventually(() => expect(node.sock.frames.some((f) => f.event === 'tick')).toBe(true), 5000);
    expect(node.sock.frames.some((f) => f.event === 'presence')).toBe(false);
    op.close();
    watcher.close();
    node.sock.ws.close();
  });
});

describe('pairing settings', { timeout: 120_000 }, () => {
  it('pendingTtlMs: a request goes away after its TTL and the device then gets a new one', async () => {
    const g = await startReady({ config: { gateway: { pairing: { pendingTtlMs: 1000 } } } });
    try {
      const key = newDeviceKey();
      const a = await connectDevice(g.url, { key, role: 'node' });
      const c = await g.client();
      expect((await c.request('device.pair.list')).pending).toHaveLength(1);
      await new Promise((r) => setTimeout(r, 1100));
      expect((await c.request('device.pair.list')).pending).toHaveLength(0);
      const b = await connectDevice(g.url, { key, role: 'node' });
      expect(b.res.error.details.requestId).not.toBe(a.res.error.details.requestId);
      c.close();
    } finally {
      await g.stop();
    }
  });

  it('autoApproveWithSecret: false: a new device waits even with the secret; a plain secret client is in', async () => {
    const g = await startReady({ config: { gateway: { pairing: { autoApproveWithSecret: false } } } });
    try {
      const r = await connectDevice(g.url, { key: newDeviceKey(), token: g.token });
      expect(r.res.error.code).toBe('NOT_PAIRED');
      expect(r.close?.reason).toBe('pairing required');
      const plain = await g.client();
      expect(plain.hello.type).toBe('hello-ok');
      plain.close();
      // The CLI (which proves this machine's device key) still works with the secret, and can see
      // its own device waiting.
      const listed = await runCli(['devices', 'list', '--url', g.url, '--token', g.token, '--json'], {
        home: tempHome(),
      });
      expect(listed.stderr).toBe('');
      expect(listed.code).toBe(0);
      expect(JSON.parse(listed.stdout).pending).toContainEqual(expect.objectContaining({ clientId: 'cli' }));
    } finally {
      await g.stop();
    }
  });
});
