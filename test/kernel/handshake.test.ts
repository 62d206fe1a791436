import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { HANDSHAKE_TIMEOUT_MS } from '../../kernel/protocol/frames.js';
import { GatewayConnectError, GatewayRequestError } from '../../sdk/client/gateway-client.js';
import { type GatewayProcess, REPO_ROOT } from '../support/gateway-process.js';
import { connectFrame, connectRaw, openRaw } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady();
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
    expect(hello.server.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(hello.features.methods).toEqual(
      expect.arrayContaining([
        'health',
        'status',
        'system-presence',
        'system-event',
        'logs.tail',
        'config.get',
        'config.schema',
        'config.set',
        'config.patch',
        'config.apply',
        'gateway.restart',
      ]),
    );
    expect(hello.features.methods).not.toContain('connect');
    expect(hello.features.events).toEqual(
      expect.arrayContaining(['connect.challenge', 'tick', 'presence', 'health', 'shutdown', 'config']),
    );
    expect(hello.snapshot.health.ok).toBe(true);
    expect(hello.snapshot.configPath).toBe(gw.configPath);
    expect(hello.snapshot.stateDir).toBe(gw.stateDir);
    expect(hello.snapshot.sessionDefaults).toEqual({
      defaultAgentId: 'main',
      mainKey: 'main',
      mainSessionKey: 'agent:main:main',
    });
    expect(hello.snapshot.presence.length).toBeGreaterThanOrEqual(2);
    expect(hello.snapshot.stateVersion).toEqual({ presence: expect.any(Number), health: expect.any(Number) });
    expect(hello.snapshot.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(hello.policy).toEqual({ maxPayload: 524288, maxBufferedBytes: 1572864, tickIntervalMs: 30000 });
    expect(JSON.stringify(hello)).not.toContain(gw.token);
    const health = await c.request('health');
    expect(health.ok).toBe(true);
    c.close();
  });

  it('features.methods is the real method table: every listed method answers something but NOT_FOUND', async () => {
    const c = await gw.client({ scopes: ['operator.read'] });
    for (const m of c.hello.features.methods as string[]) {
      const res = await c.request(m, { __probe: 1 }).catch((e) => e);
      if (res instanceof GatewayRequestError) expect(res.error.code, m).not.toBe('NOT_FOUND');
    }
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
    expect(frames[1].error.message).toContain('first frame must be a connect request');
    expect(frames[1].error.details.errorCode).toBe('GW_ERR_HANDSHAKE_FIRST_FRAME');
  });

  it('closes 1008 on a garbage (non-JSON) first frame', async () => {
    const s = await openRaw(gw.url);
    s.send('this is not json {');
    const closed = await s.closed;
    expect(closed.code).toBe(1008);
    expect(closed.reason).toMatch(/connect/);
    expect(s.frames.filter((f) => f.type === 'res')).toEqual([]);
  });

  it('closes 1003 on a binary first frame', async () => {
    const s = await openRaw(gw.url);
    s.ws.send(Buffer.from(JSON.stringify(connectFrame(gw.token))), { binary: true });
    const closed = await s.closed;
    expect(closed.code).toBe(1003);
    expect(closed.reason).toMatch(/binary/);
  });

  it('refuses a protocol range without 3..7 with INVALID_REQUEST, details.expectedProtocol 7, close 1002', async () => {
    for (const [min, max] of [
      [8, 9],
      [1, 2],
    ]) {
      const s = await openRaw(gw.url);
      const res = await connectRaw(s, connectFrame(gw.token, { minProtocol: min, maxProtocol: max }));
      expect(res.ok).toBe(false);
      expect(res.error.code).toBe('INVALID_REQUEST');
      expect(res.error.message).toContain('protocol mismatch');
      expect(res.error.details.expectedProtocol).toBe(7);
      expect(res.error.details.errorCode).toBe('GW_ERR_PROTOCOL_MISMATCH');
      expect((await s.closed).code).toBe(1002);
    }
  });

  it('negotiates the highest common version: 3..3 gets 3, 3..9 gets 7, 5..6 gets 6', async () => {
    for (const [min, max, expected] of [
      [3, 3, 3],
      [3, 9, 7],
      [5, 6, 6],
    ]) {
      const c = await gw.client({ minProtocol: min, maxProtocol: max });
      expect(c.hello.protocol).toBe(expected);
      c.close();
    }
  });

  it('refuses an unknown extra field in connect params, naming it', async () => {
    const s = await openRaw(gw.url);
    const res = await connectRaw(s, connectFrame(gw.token, { favouriteColour: 'blue' }));
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('INVALID_REQUEST');
    expect(res.error.message).toContain('favouriteColour');
    expect(res.error.details.errorCode).toBe('GW_ERR_PARAMS_INVALID');
    expect((await s.closed).code).toBe(1008);
  });

  it('refuses connect params with a missing client block, naming the path', async () => {
    const s = await openRaw(gw.url);
    const res = await connectRaw(s, {
      type: 'req',
      id: 'c1',
      method: 'connect',
      params: { minProtocol: 3, maxProtocol: 7, auth: { token: gw.token } },
    });
    expect(res.error.code).toBe('INVALID_REQUEST');
    expect(res.error.message).toContain('"client"');
    expect((await s.closed).code).toBe(1008);
  });

  it('refuses an invalid role and an unknown scope', async () => {
    const s = await openRaw(gw.url);
    const res = await connectRaw(s, connectFrame(gw.token, { role: 'superuser' }));
    expect(res.error.code).toBe('INVALID_REQUEST');
    expect(res.error.message).toMatch(/invalid role "superuser"/);
    expect(res.error.details.errorCode).toBe('GW_ERR_ROLE_INVALID');
    expect((await s.closed).code).toBe(1008);

    const s2 = await openRaw(gw.url);
    const res2 = await connectRaw(s2, connectFrame(gw.token, { scopes: ['operator.everything'] }));
    expect(res2.error.code).toBe('INVALID_REQUEST');
    expect(res2.error.message).toContain('operator.everything');
    expect((await s2.closed).code).toBe(1008);
  });

  it('accepts the client ids and modes existing Moltbot clients send', async () => {
    const ids = [
      'cli',
      'gateway-client',
      'webchat',
      'webchat-ui',
      'moltbot-control-ui',
      'moltbot-macos',
      'moltbot-ios',
      'moltbot-android',
      'node-host',
      'moltbot-probe',
      'test',
    ];
    const modes = ['cli', 'backend', 'ui', 'webchat', 'node', 'probe', 'test', 'operator'];
    for (let i = 0; i < ids.length; i++) {
      const c = await gw.client({ clientId: ids[i], clientMode: modes[i % modes.length] });
      expect(c.hello.type).toBe('hello-ok');
      c.close();
    }
  });

  it('an operator asking for no scopes gets operator.admin; one asking for operator.read gets only that', async () => {
    const admin = await gw.client({ instanceId: 'scope-admin' });
    const read = await gw.client({ instanceId: 'scope-read', scopes: ['operator.read'] });
    const presence = await read.request('system-presence');
    expect(presence.find((p: any) => p.instanceId === 'scope-admin').scopes).toEqual(['operator.admin']);
    expect(presence.find((p: any) => p.instanceId === 'scope-read').scopes).toEqual(['operator.read']);
    admin.close();
    read.close();
  });

  it('role node gets the single scope "node": operator methods answer FORBIDDEN', async () => {
    const n = await gw.client({ role: 'node', clientId: 'node-host', clientMode: 'node', instanceId: 'a-node' });
    expect(n.hello.type).toBe('hello-ok');
    const err = await n.request('health').catch((e) => e);
    expect(err.error.code).toBe('FORBIDDEN');
    expect(err.error.message).toContain('operator.read');
    const admin = await gw.client();
    const row = (await admin.request('system-presence')).find((p: any) => p.instanceId === 'a-node');
    expect(row).toMatchObject({ roles: ['node'], scopes: ['node'], mode: 'node' });
    n.close();
    admin.close();
  });

  it('the default handshake timeout is 10 s (kernel constant and docs/protocol.md)', () => {
    expect(HANDSHAKE_TIMEOUT_MS).toBe(10_000);
    const doc = fs.readFileSync(path.join(REPO_ROOT, 'docs/protocol.md'), 'utf8');
    expect(doc).toMatch(/handshake timeout/i);
    expect(doc).toMatch(/10 s/);
  });
});

describe('handshake timeout', () => {
  let short: GatewayProcess;
  beforeAll(async () => {
    short = await startReady({ config: { gateway: { handshakeTimeoutMs: 800 } } });
  });
  afterAll(async () => {
    await short?.stop();
  });

  it('closes 1008 "handshake timeout" when no connect arrives in time', async () => {
    const started = Date.now();
    const s = await openRaw(short.url);
    const closed = await s.closed;
    const elapsed = Date.now() - started;
    expect(closed).toEqual({ code: 1008, reason: 'handshake timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(700);
    expect(elapsed).toBeLessThan(5000);
  });

  it('a client that connects in time is not cut by the timer', async () => {
    const c = await short.client();
    await new Promise((r) => setTimeout(r, 1200));
    expect((await c.request('health')).ok).toBe(true);
    c.close();
  });
});
