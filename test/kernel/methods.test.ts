import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { sleep } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
let c: GatewayClient;
beforeAll(async () => {
  gw = await startReady();
  c = await gw.client({ instanceId: 'methods-test' });
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
});

const REDACTED = '__MOLTBOT_REDACTED__';
const fileMode = (p: string) => fs.statSync(p).mode & 0o777;

async function failure(method: string, params: unknown) {
  const err = await c.request(method, params).catch((e) => e);
  expect(err.error, `${method} should fail`).toBeDefined();
  return err.error;
}

describe('health, status, presence', () => {
  it('health: ok:true when ready, with plugins, channels and sessions', async () => {
    const h = await c.request('health');
    expect(h.ok).toBe(true);
    expect(h.ts).toBeGreaterThan(0);
    expect(Array.isArray(h.plugins)).toBe(true);
    expect(typeof h.channels).toBe('object');
    expect(h.sessions).toMatchObject({ count: expect.any(Number) });
  });

  it('status: version, pid, port, bind, auth mode, uptime, plugins', async () => {
    const s = await c.request('status');
    expect(s.version).toBe(c.hello.server.version);
    expect(s.pid).toBe(gw.pid);
    expect(s.port).toBe(gw.port);
    expect(s.bind).toBe('127.0.0.1');
    expect(s.auth.mode).toBe('token');
    expect(s.auth.source).toBe('config');
    expect(s.uptimeMs).toBeGreaterThanOrEqual(0);
    expect(s.configPath).toBe(gw.configPath);
    expect(Array.isArray(s.plugins)).toBe(true);
    expect(s.connections).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(s)).not.toContain(gw.token);
  });

  it('system-presence lists the gateway itself and this client', async () => {
    const list = await c.request('system-presence');
    expect(list.find((p: any) => p.mode === 'gateway')).toBeDefined();
    const me = list.find((p: any) => p.instanceId === 'methods-test');
    expect(me).toMatchObject({
      mode: 'test',
      platform: process.platform,
      roles: ['operator'],
      scopes: ['operator.admin'],
    });
    expect(me.ts).toBeGreaterThan(0);
  });

  it("system-event updates the caller's presence row", async () => {
    expect(
      await c.request('system-event', { text: 'away from keyboard', lastInputSeconds: 120, tags: ['idle'] }),
    ).toEqual({ ok: true });
    const me = (await c.request('system-presence')).find((p: any) => p.instanceId === 'methods-test');
    expect(me).toMatchObject({
      text: 'away from keyboard',
      lastInputSeconds: 120,
      tags: ['idle'],
      reason: 'system-event',
    });
  });
});

describe('logs.tail', () => {
  it('returns JSON lines and a cursor that later returns only newer lines', async () => {
    const first = await c.request('logs.tail', {});
    expect(first.file).toBe(path.join(gw.stateDir, 'logs', 'gateway.log'));
    expect(first.lines.length).toBeGreaterThan(0);
    for (const l of first.lines) expect(() => JSON.parse(l)).not.toThrow();
    expect(first.lines.some((l: string) => l.includes('gateway listening'))).toBe(true);
    expect(first.cursor).toBeGreaterThan(0);

    // Something new to log: a refused connection logs a warning.
    await gw.client({ token: 'wrong-for-logs-tail' }).catch(() => undefined);
    let next = { lines: [] as string[], cursor: first.cursor };
    for (let i = 0; i < 40 && !next.lines.some((l) => l.includes('connection refused')); i++) {
      const r = await c.request('logs.tail', { cursor: first.cursor });
      next = r;
      if (!r.lines.some((l: string) => l.includes('connection refused'))) await sleep(100);
    }
    expect(next.lines.some((l) => l.includes('connection refused'))).toBe(true);
    expect(next.lines.some((l) => l.includes('gateway listening'))).toBe(false);
    expect(next.cursor).toBeGreaterThan(first.cursor);
    const again = await c.request('logs.tail', { cursor: next.cursor });
    expect(again.lines.every((l: string) => !first.lines.includes(l) && !next.lines.includes(l))).toBe(true);
  });

  it('honours limit', async () => {
    const r = await c.request('logs.tail', { limit: 1 });
    expect(r.lines).toHaveLength(1);
  });
});

describe('config methods', () => {
  it('config.get returns the config with secrets redacted and a hash', async () => {
    const r = await c.request('config.get');
    expect(r.path).toBe(gw.configPath);
    expect(r.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(r.valid).toBe(true);
    expect(r.config.gateway.auth.token).toBe(REDACTED);
    expect(JSON.stringify(r)).not.toContain(gw.token);
  });

  it('config.schema returns the JSON schema of the kernel part and the plugin parts', async () => {
    const r = await c.request('config.schema');
    expect(r.kernel.type).toBe('object');
    expect(r.kernel.properties.gateway.properties.port.type).toBe('integer');
    expect(r.kernel.properties.gateway.properties.auth).toBeDefined();
    expect(r.plugins).toBeDefined();
  });

  it('config.set refuses an invalid config naming the path and leaves the file unchanged', async () => {
    const before = fs.readFileSync(gw.configPath, 'utf8');
    const e = await failure('config.set', {
      raw: JSON.stringify({ gateway: { port: 'eighty', auth: { token: REDACTED } } }),
    });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('gateway.port');
    expect(e.details.errorCode).toBe('GW_ERR_CONFIG_INVALID');
    const bad = await failure('config.set', { raw: '{ gateway: { port: 1, }' });
    expect(bad.code).toBe('INVALID_REQUEST');
    expect(bad.message).toMatch(/JSON5/);
    expect(bad.details.errorCode).toBe('GW_ERR_CONFIG_PARSE');
    expect(fs.readFileSync(gw.configPath, 'utf8')).toBe(before);
  });

  it('config.set writes atomically with mode 0600, keeping a redacted secret as stored', async () => {
    const { config } = await c.request('config.get');
    config.gateway.allowedHosts = ['set.example.internal'];
    const r = await c.request('config.set', { raw: JSON.stringify(config) });
    expect(r.ok).toBe(true);
    expect(r.changed).toContain('gateway.allowedHosts');
    expect(r.restart).toBe(false);
    const onDisk = gw.readConfig();
    expect(onDisk.gateway.allowedHosts).toEqual(['set.example.internal']);
    expect(onDisk.gateway.auth.token).toBe(gw.token);
    expect(fileMode(gw.configPath)).toBe(0o600);
    expect(fs.readdirSync(gw.stateDir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    expect((await c.request('config.get')).hash).toBe(r.hash);
  });

  it('config.patch merges (null deletes), validates, and writes mode 0600', async () => {
    const before = fs.readFileSync(gw.configPath, 'utf8');
    const e = await failure('config.patch', { patch: { gateway: { tickIntervalMs: 5 } } });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('gateway.tickIntervalMs');
    expect(fs.readFileSync(gw.configPath, 'utf8')).toBe(before);

    const r = await c.request('config.patch', {
      patch: { gateway: { allowedHosts: null, controlUi: { allowedOrigins: ['https://ui.example.com'] } } },
    });
    expect(r.ok).toBe(true);
    const onDisk = gw.readConfig();
    expect(onDisk.gateway.allowedHosts).toBeUndefined();
    expect(onDisk.gateway.controlUi.allowedOrigins).toEqual(['https://ui.example.com']);
    expect(onDisk.gateway.auth.token).toBe(gw.token);
    expect(fileMode(gw.configPath)).toBe(0o600);
  });

  it('config.patch with a stale baseHash is refused and changes nothing', async () => {
    const { hash } = await c.request('config.get');
    await c.request('config.patch', {
      patch: { gateway: { controlUi: { allowedOrigins: ['https://ui2.example.com'] } } },
      baseHash: hash,
    });
    const before = fs.readFileSync(gw.configPath, 'utf8');
    const e = await failure('config.patch', {
      patch: { gateway: { controlUi: { allowedOrigins: [] } } },
      baseHash: hash,
    });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('baseHash');
    expect(e.details.errorCode).toBe('GW_ERR_CONFIG_CONFLICT');
    expect(fs.readFileSync(gw.configPath, 'utf8')).toBe(before);
  });

  it('config.apply refuses an invalid config without restarting or writing', async () => {
    const before = fs.readFileSync(gw.configPath, 'utf8');
    const e = await failure('config.apply', {
      raw: JSON.stringify({ gateway: { bind: 42, auth: { token: REDACTED } } }),
    });
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('gateway.bind');
    await sleep(300);
    expect(c.closeCode).toBeUndefined();
    expect(fs.readFileSync(gw.configPath, 'utf8')).toBe(before);
    expect((await c.request('status')).pid).toBe(gw.pid);
  });

  it('config.patch needs a patch object', async () => {
    const e = await failure('config.patch', {});
    expect(e.code).toBe('INVALID_REQUEST');
    expect(e.message).toContain('params.patch');
  });
});
