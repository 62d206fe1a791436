import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startGateway, type GatewayProcess } from '../support/gateway-process.js';
import { GatewayConnectError, GatewayRequestError } from '../../bin/client/gateway-client.js';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw?.stop();
});

describe('handshake', () => {
  it('sends connect.challenge then hello-ok with features, snapshot and policy', async () => {
    const c = await gw.client();
    expect(c.nonce).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    const hello = c.hello;
    expect(hello.type).toBe('hello-ok');
    expect(hello.protocol).toBe(7);
    expect(hello.server.connId).toBeTypeOf('string');
    expect(hello.features.methods).toEqual(expect.arrayContaining(['health', 'status', 'system-presence', 'system-event', 'logs.tail', 'config.get', 'config.schema', 'config.set', 'config.patch', 'config.apply', 'gateway.restart']));
    expect(hello.features.methods).not.toContain('connect');
    expect(hello.features.events).toEqual(expect.arrayContaining(['tick', 'presence', 'health', 'shutdown']));
    expect(hello.snapshot.health.ok).toBe(true);
    expect(hello.snapshot.configPath).toBe(gw.configPath);
    expect(hello.snapshot.stateDir).toBe(gw.stateDir);
    expect(hello.snapshot.sessionDefaults).toEqual({ defaultAgentId: 'main', mainKey: 'main', mainSessionKey: 'agent:main:main' });
    expect(hello.snapshot.presence.length).toBeGreaterThanOrEqual(2);
    expect(hello.policy).toEqual({ maxPayload: 524288, maxBufferedBytes: 1572864, tickIntervalMs: 30000 });
    const health = await c.request('health');
    expect(health.ok).toBe(true);
    c.close();
  });

  it('refuses a wrong token with UNAUTHORIZED then 1008', async () => {
    const err = await gw.client({ token: 'wrong' }).catch((e) => e);
    expect(err).toBeInstanceOf(GatewayConnectError);
    expect(err.error.code).toBe('UNAUTHORIZED');
  });

  it('answers unknown methods with NOT_FOUND and keeps the connection', async () => {
    const c = await gw.client();
    const err = await c.request('nope.nothing').catch((e) => e);
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect(err.error.code).toBe('NOT_FOUND');
    expect((await c.request('status')).port).toBe(gw.port);
    c.close();
  });

  it('closes a raw socket whose first frame is not connect', async () => {
    const ws = new WebSocket(gw.url);
    const frames: any[] = [];
    ws.on('message', (d) => {
      const f = JSON.parse(d.toString());
      frames.push(f);
      if (f.event === 'connect.challenge') ws.send(JSON.stringify({ type: 'req', id: 'x', method: 'health' }));
    });
    const code = await new Promise((r) => ws.on('close', (c) => r(c)));
    expect(code).toBe(1008);
    expect(frames[1]).toMatchObject({ type: 'res', id: 'x', ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
