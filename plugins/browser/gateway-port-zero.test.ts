import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';
import browserPlugin from './index.js';

// startTestGateway listens on port 0, so ctx.gateway.port is 0 at register: no port of the
// browser may be derived from it (0 + 2, 0 + 3, 11…110 are privileged ports).
let gw: TestGateway;
let c: GatewayClient;
const ports = { control: 0, relay: 0, cdp: 0 };

const browser = (action: string, args: Record<string, unknown> = {}, profile?: string) =>
  c.request('browser.request', { action, args, ...(profile ? { profile } : {}) }, { timeoutMs: 30_000 });

beforeAll(async () => {
  gw = await startTestGateway({
    plugins: [browserPlugin],
    // No controlUrl, relayPort, cdpPort or cdpPortRange: everything follows the gateway's port 0.
    config: {
      browser: { executablePath: '/usr/bin/chromium', headless: true, noSandbox: true, allowedHosts: ['127.0.0.1'] },
    },
  });
  c = await gw.client();
}, 60_000);
afterAll(async () => {
  c?.close();
  await gw?.close();
});

describe('browser with the gateway on port 0', () => {
  it('the control service, relay and CDP ports are free high ports, read back where they are used', async () => {
    const held = (await gw.leftovers('browser')).listeners.map((a) => Number(a.split(':').pop()));
    expect(held).toHaveLength(2);
    ports.relay = Number(new URL((await browser('status', {}, 'chrome')).cdpUrl).port);
    expect(held).toContain(ports.relay);
    ports.control = held.find((p) => p !== ports.relay)!;
    ports.cdp = (await browser('status')).cdpPort;
    for (const p of [ports.control, ports.relay, ports.cdp]) {
      expect(p).toBeGreaterThan(1023);
      expect(p).not.toBe(gw.port);
    }
    expect(new Set(Object.values(ports)).size).toBe(3);

    // The relay token is derived for the port the relay is bound to.
    const relayToken = crypto
      .createHmac('sha256', gw.token)
      .update(`moltbot-extension-relay-v1:${ports.relay}`)
      .digest('hex');
    const version = await fetch(`http://127.0.0.1:${ports.relay}/json/version`, {
      headers: { 'x-moltbot-relay-token': relayToken },
    });
    expect(version.status).toBe(200);
    // The control service answers on its bound port (its Host check knows that port too).
    const status = await fetch(`http://127.0.0.1:${ports.control}/`, {
      headers: { authorization: `Bearer ${gw.token}` },
    });
    expect(await status.json()).toMatchObject({ profile: 'clawd', cdpPort: ports.cdp });

    // A created profile gets another free port from the OS, kept for the profile.
    const created = (await browser('create-profile', { name: 'work' })).profile;
    expect(created.cdpPort).toBeGreaterThan(1023);
    expect(Object.values(ports)).not.toContain(created.cdpPort);
    expect((await browser('status', {}, 'work')).cdpPort).toBe(created.cdpPort);

    // Although all of 127.0.0.1 is allowed, the browser's own ports stay refused.
    for (const p of [ports.control, ports.relay, ports.cdp, created.cdpPort]) {
      const err = await browser('open', { url: `http://127.0.0.1:${p}/` }).catch((e) => e.error);
      expect(err?.message, String(p)).toMatch(/gateway's own ports/);
    }
  });

  it('a reload takes free ports again, not the now-known gateway port + 2 / + 3', async () => {
    const before = (await gw.leftovers('browser')).listeners;
    await gw.setConfig({
      browser: {
        executablePath: '/usr/bin/chromium',
        headless: true,
        noSandbox: true,
        allowedHosts: ['127.0.0.1'],
        blockedHosts: ['blocked.invalid'],
      },
    });
    const held = (await gw.leftovers('browser')).listeners.map((a) => Number(a.split(':').pop()));
    expect(held).toHaveLength(2);
    expect(held).not.toContain(gw.port + 2);
    expect(held).not.toContain(gw.port + 3);
    for (const p of held) expect(p).toBeGreaterThan(1023);
    expect((await gw.leftovers('browser')).listeners).not.toEqual(before);
  });

  it('Chromium opens CDP on the port the OS named', async () => {
    expect(await browser('start')).toMatchObject({ ok: true, running: true, cdpReady: true, cdpPort: ports.cdp });
    expect(await browser('stop')).toMatchObject({ ok: true, stopped: true });
  }, 60_000);
});
