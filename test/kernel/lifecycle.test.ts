import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { freePort } from '../support/free-port.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { spawnCli, waitFor } from './cli-spawn.js';
import { sleep } from './raw-socket.js';
import { startReady } from './start-gateway.js';

// Several gateway processes per file: leave room for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const cleanup: Array<() => Promise<void> | void> = [];
afterAll(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function started(opts: Parameters<typeof startGateway>[0] = {}): Promise<GatewayProcess> {
  const gw = await startReady(opts);
  cleanup.push(() => gw.stop());
  return gw;
}

/** Connect, retrying while the gateway is restarting. */
async function connectWhenBack(gw: GatewayProcess, timeoutMs = 10_000): Promise<GatewayClient> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await gw.client({ timeoutMs: 2000 });
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(100);
    }
  }
}

describe('stop and in-process restart', () => {
  it('SIGTERM: shutdown event, then close 1001, then exit code 0', async () => {
    const gw = await started();
    const c = await gw.client();
    gw.signal('SIGTERM');
    const shutdown = await c.waitForEvent((e) => e.event === 'shutdown', 5000);
    expect(shutdown.payload.reason).toContain('SIGTERM');
    expect(shutdown.payload.restartExpectedMs).toBeUndefined();
    expect(shutdown.seq).toBeGreaterThan(0);
    expect(await c.waitForClose(5000)).toBe(1001);
    expect((await gw.waitExit(10_000)).code).toBe(0);
  });

  it('SIGINT stops gracefully too (exit 0)', async () => {
    const gw = await started();
    const c = await gw.client();
    gw.signal('SIGINT');
    expect(await c.waitForClose(5000)).toBe(1001);
    expect((await gw.waitExit(10_000)).code).toBe(0);
  });

  it('SIGUSR1: shutdown with restartExpectedMs, close 1012, and the same pid serves again', async () => {
    const gw = await started();
    const c = await gw.client();
    const before = await c.request('status');
    gw.signal('SIGUSR1');
    const shutdown = await c.waitForEvent((e) => e.event === 'shutdown', 5000);
    expect(shutdown.payload.restartExpectedMs).toBeGreaterThan(0);
    expect(await c.waitForClose(5000)).toBe(1012);
    const again = await connectWhenBack(gw);
    const after = await again.request('status');
    expect(after.pid).toBe(gw.pid);
    expect(after.pid).toBe(before.pid);
    expect(after.uptimeMs).toBeLessThan(before.processUptimeMs + 60_000);
    expect(after.processUptimeMs).toBeGreaterThanOrEqual(after.uptimeMs);
    expect(gw.proc.exitCode).toBeNull();
    // A second restart works as well (no leaked listeners or half-closed state). Reconnect only
    // once this connection was closed, or the new one could land on the old runtime.
    gw.signal('SIGUSR1');
    expect(await again.waitForClose(10_000)).toBe(1012);
    const third = await connectWhenBack(gw);
    expect((await third.request('health')).ok).toBe(true);
    third.close();
  });

  it('gateway.restart (operator.admin) restarts in-process like SIGUSR1', async () => {
    const gw = await started();
    const c = await gw.client();
    const r = await c.request('gateway.restart', { reason: 'e2e test' });
    expect(r).toMatchObject({ ok: true, pid: gw.pid });
    expect(r.restartExpectedMs).toBeGreaterThan(0);
    const shutdown = await c.waitForEvent((e) => e.event === 'shutdown', 5000);
    expect(shutdown.payload).toMatchObject({ reason: 'e2e test', restartExpectedMs: expect.any(Number) });
    expect(await c.waitForClose(5000)).toBe(1012);
    const again = await connectWhenBack(gw);
    expect((await again.request('status')).pid).toBe(gw.pid);
    again.close();
  });

  it('config.apply writes the config and restarts in-process', async () => {
    const gw = await started();
    const c = await gw.client();
    const { config } = await c.request('config.get');
    config.gateway.tickIntervalMs = 2000;
    const r = await c.request('config.apply', { raw: JSON.stringify(config) });
    expect(r).toMatchObject({ ok: true, restart: true });
    expect(await c.waitForClose(5000)).toBe(1012);
    expect(gw.readConfig().gateway.tickIntervalMs).toBe(2000);
    expect(gw.readConfig().gateway.auth.token).toBe(gw.token);
    const again = await connectWhenBack(gw);
    expect(again.hello.policy.tickIntervalMs).toBe(2000);
    again.close();
  });
});

describe('ports', () => {
  it('a busy port: the second gateway exits non-zero at once, naming the port and --force', async () => {
    const gw = await started();
    const t0 = Date.now();
    const second = await startGateway({ port: gw.port, waitReady: false });
    cleanup.push(() => second.stop());
    const exit = await second.waitExit(10_000);
    // 3 = port in use (a service manager can tell it from a crash and not loop).
    expect(exit.code).toBe(3);
    expect(Date.now() - t0).toBeLessThan(8000);
    const text = second.output() + second.stderr();
    expect(text).toContain(`port ${gw.port}`);
    expect(text).toContain('--force');
    expect(text).not.toMatch(/\n\s+at .*\(.*\.js:\d+/);
    // The first one is untouched.
    const c = await gw.client();
    expect((await c.request('health')).ok).toBe(true);
    c.close();
  });

  it('--force stops a stray listener on the port (logging what it stopped) and starts', async () => {
    const port = await freePort();
    const stray = spawn(
      process.execPath,
      [
        '-e',
        `require('node:http').createServer((q,s)=>s.end('stray')).listen(${port}, '127.0.0.1', () => ` +
          `console.log('ready'))`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    cleanup.push(() => {
      if (stray.exitCode === null && stray.signalCode === null) stray.kill('SIGKILL');
    });
    await new Promise<void>((resolve) => stray.stdout!.once('data', () => resolve()));
    const strayExit = new Promise<NodeJS.Signals | null>((resolve) => stray.on('exit', (_c, s) => resolve(s)));
    const gw = await started({ port, args: ['--force'] });
    expect(await strayExit).toBe('SIGTERM');
    expect(gw.output()).toContain(`--force: stopped pid ${stray.pid} listening on port ${port}`);
    const c = await gw.client();
    expect((await c.request('status')).port).toBe(port);
    c.close();
  });

  it('port precedence: --port > CLAWDBOT_GATEWAY_PORT > gateway.port', async () => {
    const [p1, p2, p3] = [await freePort(), await freePort(), await freePort()];
    const token = 'precedence-token-0123456789abcdefghijklmn';
    const envWins = spawnCli(['gateway'], {
      config: { gateway: { port: p2, auth: { token } } },
      env: { CLAWDBOT_GATEWAY_PORT: String(p1) },
    });
    const configOnly = spawnCli(['gateway'], { config: { gateway: { port: p3, auth: { token } } } });
    cleanup.push(
      () => envWins.stop(),
      () => configOnly.stop(),
    );
    await waitFor(
      () => /listening on ws:/.test(envWins.output()),
      40_000,
      () => `env gateway:\n${envWins.output()}`,
    );
    await waitFor(
      () => /listening on ws:/.test(configOnly.output()),
      40_000,
      () => `config gateway:\n${configOnly.output()}`,
    );
    expect(envWins.output()).toContain(`ws://127.0.0.1:${p1}`);
    expect(configOnly.output()).toContain(`ws://127.0.0.1:${p3}`);
    await Promise.all([envWins.stop(), configOnly.stop()]);
    const flag = await started({ env: { CLAWDBOT_GATEWAY_PORT: String(p1) } });
    expect(flag.output()).toContain(`ws://127.0.0.1:${flag.port}`);
    expect(flag.port).not.toBe(p1);
  }, 90_000);

  it('a bad CLAWDBOT_GATEWAY_PORT is refused with a clear message', async () => {
    const bad = spawnCli(['gateway'], {
      config: { gateway: { auth: { token: 'x'.repeat(40) } } },
      env: { CLAWDBOT_GATEWAY_PORT: 'eighty' },
    });
    expect(await bad.exit).not.toBe(0);
    expect(bad.output()).toContain('CLAWDBOT_GATEWAY_PORT="eighty" is not a port number');
  });
});

describe('auth on start', () => {
  it('refuses to bind a non-loopback address without configured auth, with a clear message', async () => {
    const gw = await startGateway({ noToken: true, args: ['--bind', '0.0.0.0'], waitReady: false });
    cleanup.push(() => gw.stop());
    const exit = await gw.waitExit(10_000);
    expect(exit.code).not.toBe(0);
    const text = gw.output() + gw.stderr();
    expect(text).toContain('refusing to bind 0.0.0.0 without auth');
    expect(text).toContain('gateway.auth.token');
    // Nothing was generated or written: the refusal happens before any token exists.
    expect(gw.readConfig().gateway?.auth?.token).toBeUndefined();
  });

  it('with no secret configured, generates a token into moltbot.json (0600), says where, never prints it', async () => {
    const gw = await started({ noToken: true });
    const cfg = gw.readConfig();
    const token: string = cfg.gateway.auth.token;
    expect(token.length).toBeGreaterThanOrEqual(32);
    expect(token).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(fs.statSync(gw.configPath).mode & 0o777).toBe(0o600);
    expect(fs.statSync(gw.stateDir).mode & 0o777).toBe(0o700);
    expect(gw.output()).toContain(gw.configPath);
    expect(gw.output()).toContain('gateway.auth.token');
    const c = await gw.client({ token });
    expect((await c.request('status')).auth.source).toBe('generated');
    await c.request('logs.tail', {});
    c.close();
    const log = fs.readFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), 'utf8');
    expect(gw.output()).not.toContain(token);
    expect(gw.stderr()).not.toContain(token);
    expect(log).not.toContain(token);
    // The generated token is there on the next start too (not regenerated).
    await gw.stop();
    const again = await started({ home: gw.home, noToken: true });
    expect(again.readConfig().gateway.auth.token).toBe(token);
    expect(again.output()).not.toContain('Generated a gateway token');
  });
});

describe('requests in flight across a restart', () => {
  it('a request running when SIGUSR1 arrives still gets its final response before close 1012', async () => {
    const slow = path.join(path.dirname(new URL(import.meta.url).pathname), '../fixtures/plugins/slow-method');
    const gw = await started({
      config: { plugins: { entries: { 'slow-method': { from: slow, config: { ms: 600 } } } } },
    });
    const c = await gw.client();
    const pending = c.request('slow.wait', {});
    await sleep(100);
    gw.signal('SIGUSR1');
    const result = await pending;
    expect(result.generation).toBeGreaterThanOrEqual(1);
    expect(await c.waitForClose(5000)).toBe(1012);
    const again = await connectWhenBack(gw);
    expect((await again.request('slow.wait', {})).generation).toBeGreaterThanOrEqual(1);
    again.close();
  });
});
