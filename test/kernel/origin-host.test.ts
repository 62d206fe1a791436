import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayProcess } from '../support/gateway-process.js';
import { upgradeStatus } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady({
    config: {
      gateway: {
        controlUi: { allowedOrigins: ['https://control.example.com'] },
        allowedHosts: ['gateway.example.internal'],
      },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

const own = () => `127.0.0.1:${gw.port}`;

describe('Origin check (cross-site WebSocket hijacking)', () => {
  it('refuses a cross-site Origin with 403 before the upgrade', async () => {
    const r = await upgradeStatus(gw.port, { host: own(), origin: 'https://evil.example' });
    expect(r.status).toBe(403);
    expect(JSON.parse(r.body).error).toMatchObject({
      code: 'FORBIDDEN',
      details: { errorCode: 'GW_ERR_ORIGIN_FORBIDDEN' },
    });
    expect(r.body).toContain('gateway.controlUi.allowedOrigins');
  });

  it('refuses Origin "null" (sandboxed frames, file://) and a non-http origin', async () => {
    expect((await upgradeStatus(gw.port, { host: own(), origin: 'null' })).status).toBe(403);
    expect((await upgradeStatus(gw.port, { host: own(), origin: 'chrome-extension://abcdef' })).status).toBe(403);
  });

  it('refuses an origin on another port of the same host (a different origin)', async () => {
    expect((await upgradeStatus(gw.port, { host: own(), origin: `http://127.0.0.1:${gw.port + 1}` })).status).toBe(403);
  });

  it("accepts the gateway's own origin and completes the handshake", async () => {
    expect((await upgradeStatus(gw.port, { host: own(), origin: `http://${own()}` })).status).toBe(101);
    const c = await gw.client({ headers: { origin: `http://${own()}` } });
    expect(c.hello.type).toBe('hello-ok');
    c.close();
  });

  it('accepts an origin listed in gateway.controlUi.allowedOrigins', async () => {
    expect((await upgradeStatus(gw.port, { host: own(), origin: 'https://control.example.com' })).status).toBe(101);
    const c = await gw.client({ headers: { origin: 'https://control.example.com' } });
    expect(c.hello.type).toBe('hello-ok');
    c.close();
  });

  it('accepts non-browser clients that send no Origin', async () => {
    expect((await upgradeStatus(gw.port, { host: own() })).status).toBe(101);
  });

  it('picks up a new allowedOrigins entry from config.patch without a restart', async () => {
    expect((await upgradeStatus(gw.port, { host: own(), origin: 'https://later.example.com' })).status).toBe(403);
    const c = await gw.client();
    const pid = (await c.request('status')).pid;
    await c.request('config.patch', {
      patch: {
        gateway: { controlUi: { allowedOrigins: ['https://control.example.com', 'https://later.example.com'] } },
      },
    });
    expect((await upgradeStatus(gw.port, { host: own(), origin: 'https://later.example.com' })).status).toBe(101);
    expect((await c.request('status')).pid).toBe(pid);
    expect(c.closeCode).toBeUndefined();
    c.close();
  });
});

describe('Host check (DNS rebinding)', () => {
  it('refuses a Host header that does not name the gateway with 403', async () => {
    const r = await upgradeStatus(gw.port, { host: `attacker.example:${gw.port}` });
    expect(r.status).toBe(403);
    expect(r.body).toContain('gateway.allowedHosts');
    expect(JSON.parse(r.body).error.details.errorCode).toBe('GW_ERR_HOST_FORBIDDEN');
  });

  it('refuses a rebinding page whose Origin matches its own (rebound) Host', async () => {
    const r = await upgradeStatus(gw.port, {
      host: `attacker.example:${gw.port}`,
      origin: `http://attacker.example:${gw.port}`,
    });
    expect(r.status).toBe(403);
  });

  it('accepts loopback names and configured gateway.allowedHosts', async () => {
    for (const host of [
      own(),
      `localhost:${gw.port}`,
      `127.0.0.1`,
      `[::1]:${gw.port}`,
      `gateway.example.internal:${gw.port}`,
    ]) {
      expect((await upgradeStatus(gw.port, { host })).status, host).toBe(101);
    }
  });

  it('refuses a request without a Host header', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const req = http.request({
        host: '127.0.0.1',
        port: gw.port,
        path: '/',
        setHost: false,
        agent: false,
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          'sec-websocket-version': '13',
          'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        },
      });
      req.on('upgrade', (res, socket) => {
        socket.destroy();
        resolve(res.statusCode ?? 0);
      });
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect([400, 403]).toContain(status);
  });
});
