import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { freePort } from '../support/free-port.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { builtinIds, writeFixturePlugin } from './fixture-plugin.js';
import { runCli } from './run-cli.js';

// One real gateway for the file: every first-party plugin off (so optional methods are absent
// deterministically) and one third-party fixture plugin (so plugins reload has a target).
let gw: GatewayProcess;
let cli: (args: string[], env?: Record<string, string | undefined>) => ReturnType<typeof runCli>;

beforeAll(async () => {
  const pluginsDir = fs.mkdtempSync(path.join((await import('node:os')).tmpdir(), 'moltbot-cli-plugin-'));
  const entries: Record<string, unknown> = { 'cli-fixture': { from: writeFixturePlugin(pluginsDir) } };
  for (const id of await builtinIds()) entries[id] = { enabled: false };
  gw = await startGateway({ config: { plugins: { entries } } });
  // The CLI finds the gateway the way a user's CLI does: the profile's config (port + token).
  const cfg = gw.readConfig();
  cfg.gateway.port = gw.port;
  gw.writeConfig(cfg);
  cli = (args, env) => runCli(args, { home: gw.home, env });
});
afterAll(async () => {
  await gw?.stop();
});

describe('status and health against a running gateway', () => {
  it('status prints version, port, auth and plugins, and exits 0', async () => {
    const r = await cli(['status']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`running 0.1.0 at ws://127.0.0.1:${gw.port}`);
    expect(r.stdout).toContain(`pid ${gw.pid}`);
    expect(r.stdout).toMatch(/auth token \(from config\)/);
    expect(r.stdout).toContain('cli-fixture active');
    expect(r.stdout).not.toMatch(/\u001b\[/); // not a TTY: no colors
  });

  it('status --json --all --deep carries the gateway summary, health and presence', async () => {
    const r = await cli(['status', '--json', '--all', '--deep']);
    expect(r.code).toBe(0);
    const s = JSON.parse(r.stdout);
    expect(s.gateway.reachable).toBe(true);
    expect(s.gateway.pid).toBe(gw.pid);
    expect(s.gateway.port).toBe(gw.port);
    expect(s.gateway.auth.mode).toBe('token');
    expect(s.gateway.health.ok).toBe(true);
    expect(Array.isArray(s.gateway.presence)).toBe(true);
    expect(s.configPath).toBe(gw.configPath);
    expect(s.configErrors).toEqual([]);
  });

  it('health exits 0 with ok:true, and --json prints the snapshot', async () => {
    const r = await cli(['health', '--json']);
    expect(r.code).toBe(0);
    const h = JSON.parse(r.stdout);
    expect(h.ok).toBe(true);
    expect(h.plugins.map((p: { id: string }) => p.id)).toContain('cli-fixture');
  });

  it('a wrong token is refused with exit 5 and a message naming the fix', async () => {
    const r = await cli(['health', '--token', 'not-the-token']);
    expect(r.code).toBe(5);
    expect(r.stderr).toContain('refused our credentials');
    expect(r.stderr).toContain('--token');
    expect(r.stderr).not.toContain(gw.token);
  });

  it('CLAWDBOT_GATEWAY_TOKEN overrides the config token', async () => {
    const r = await cli(['health'], { CLAWDBOT_GATEWAY_TOKEN: 'wrong-from-env' });
    expect(r.code).toBe(5);
  });

  it('an unreachable gateway gives exit 4 and says it is not running', async () => {
    const port = await freePort();
    const r = await cli(['health', '--url', `ws://127.0.0.1:${port}`]);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('not reachable');
    const s = await cli(['status', '--url', `ws://127.0.0.1:${port}`, '--json']);
    expect(s.code).toBe(4);
    const body = JSON.parse(s.stdout);
    expect(body.gateway.reachable).toBe(false);
    expect(body.configPath).toBe(gw.configPath);
  });

  it('a gateway that never answers gives exit 6 after --timeout', async () => {
    const port = await freePort();
    const silent = new WebSocketServer({ host: '127.0.0.1', port });
    try {
      const started = Date.now();
      const r = await cli(['health', '--url', `ws://127.0.0.1:${port}`, '--timeout', '700ms']);
      expect(r.code).toBe(6);
      expect(r.stderr).toMatch(/within 700 ms/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      for (const c of silent.clients) c.terminate();
      await new Promise((r) => silent.close(() => r(undefined)));
    }
  });

  it('a bad --url or --timeout is a usage error (exit 2)', async () => {
    expect((await cli(['health', '--url', 'http://x'])).code).toBe(2);
    const t = await cli(['health', '--timeout', 'soon']);
    expect(t.code).toBe(2);
    expect(t.stderr).toContain('--timeout');
  });
});

describe('logs from a gateway over the protocol', () => {
  it('logs --url reads the gateway log through logs.tail', async () => {
    const r = await cli(['logs', '--url', gw.url, '--token', gw.token, '--lines', '500', '--json']);
    expect(r.code).toBe(0);
    const msgs = r.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l).msg);
    expect(msgs.some((m: string) => /gateway listening on ws:/.test(m))).toBe(true);
    const wrong = await cli(['logs', '--url', gw.url, '--token', 'nope']);
    expect(wrong.code).toBe(5);
  });
});

describe('plugins', () => {
  it('plugins list shows the fixture plugin; --json carries generation and state', async () => {
    const r = await cli(['plugins', 'list', '--json']);
    expect(r.code).toBe(0);
    const fixture = JSON.parse(r.stdout).plugins.find((p: { id: string }) => p.id === 'cli-fixture');
    expect(fixture).toMatchObject({ version: '1.2.3', state: 'active' });
    const text = await cli(['plugins', 'list']);
    expect(text.stdout).toMatch(/cli-fixture\s+1\.2\.3/);
  });

  it('plugins reload builds a new generation', async () => {
    const before = JSON.parse((await cli(['plugins', 'list', '--json'])).stdout).plugins.find(
      (p: { id: string }) => p.id === 'cli-fixture',
    );
    const r = await cli(['plugins', 'reload', 'cli-fixture']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`generation ${before.generation + 1}`);
  });

  it('plugins reload of an unknown id fails with the gateway’s reason', async () => {
    const r = await cli(['plugins', 'reload', 'no-such-plugin']);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('no-such-plugin');
  });
});

describe('config set on a running gateway', () => {
  it('the gateway applies the edited file by itself: the plugin reloads with the new value', async () => {
    const r = await cli(['config', 'set', 'plugins.entries.cli-fixture.config.greeting', 'from the CLI']);
    expect(r.code).toBe(0);
    const c = await gw.client();
    try {
      let hello = await c.request('fixture.hello', {});
      for (let i = 0; i < 40 && hello.hello !== 'from the CLI'; i++) {
        await new Promise((res) => setTimeout(res, 250));
        hello = await c.request('fixture.hello', {});
      }
      expect(hello.hello).toBe('from the CLI');
    } finally {
      c.close();
    }
  });

  it('an edit the plugin schema refuses is not written', async () => {
    const before = fs.readFileSync(gw.configPath, 'utf8');
    const r = await cli(['config', 'set', 'plugins.entries.cli-fixture.config.greeting', '42']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('plugins.entries.cli-fixture.config.greeting');
    expect(r.stderr).toContain('plugin cli-fixture');
    expect(fs.readFileSync(gw.configPath, 'utf8')).toBe(before);
  });
});

describe('commands whose plugin is not enabled', () => {
  const cases: Array<[string, string[]]> = [
    ['send', ['send', '--to', '42', '--message', 'hi']],
    ['agent', ['agent', '--message', 'hi']],
    ['sessions.list', ['sessions', 'list']],
    ['channels.status', ['channels', 'status']],
    ['channels.logout', ['channels', 'logout', '--channel', 'whatsapp']],
    ['pairing.list', ['pairing', 'list']],
    ['pairing.approve', ['pairing', 'approve', 'telegram', 'ABCD1234']],
  ];
  for (const [method, args] of cases) {
    it(`${args.slice(0, 2).join(' ')} exits 7 naming ${method}`, async () => {
      const r = await cli([...args, '--json']);
      expect(r.code).toBe(7);
      expect(r.stderr).toContain(`does not offer "${method}"`);
      expect(JSON.parse(r.stdout).error.code).toBe('GW_ERR_CLI_METHOD_UNAVAILABLE');
    });
  }
});

describe('problems the gateway reports', () => {
  it('a rejected config edit shows in status (gateway and local view); the gateway keeps running', async () => {
    const good = fs.readFileSync(gw.configPath, 'utf8');
    expect(good).toContain('"gateway": {');
    fs.writeFileSync(gw.configPath, good.replace('"gateway": {', '"gateway": { "tickIntervalMs": "often",'));
    try {
      // The gateway debounces file events: poll (bounded) until it has judged the edit.
      let r = await cli(['status', '--json']);
      for (let i = 0; i < 40 && !JSON.parse(r.stdout).gateway.configError; i++) {
        await new Promise((res) => setTimeout(res, 250));
        r = await cli(['status', '--json']);
      }
      expect(r.code).toBe(0);
      const s = JSON.parse(r.stdout);
      expect(s.gateway.configError).toBeTruthy();
      expect(s.configErrors.join(' ')).toContain('gateway.tickIntervalMs');
      const text = await cli(['status']);
      expect(text.stdout).toContain('last edit rejected');
    } finally {
      fs.writeFileSync(gw.configPath, good);
    }
  });

  it('health exits 1 while a plugin has failed, and 0 again once it is gone', async () => {
    const dir = path.dirname(gw.configPath);
    const broken = path.join(dir, 'cli-broken.mjs');
    fs.writeFileSync(
      broken,
      `import { definePlugin, Type } from ${JSON.stringify(path.join(process.cwd(), 'dist/sdk/index.js'))};\nexport ` +
        `default definePlugin({ id: 'cli-broken', version: '0.0.1', sdk: '*', configSchema: Type.Object({}), ` +
        `register() { throw new Error('broken on purpose'); } });\n`,
    );
    const good = gw.readConfig();
    const withBroken = structuredClone(good);
    withBroken.plugins.entries['cli-broken'] = { from: broken };
    gw.writeConfig(withBroken);
    try {
      let r = await cli(['health', '--json']);
      for (let i = 0; i < 40 && r.code === 0; i++) {
        await new Promise((res) => setTimeout(res, 250));
        r = await cli(['health', '--json']);
      }
      expect(r.code).toBe(1);
      const snap = JSON.parse(r.stdout);
      expect(snap.ok).toBe(false);
      expect(snap.plugins.find((p: { id: string }) => p.id === 'cli-broken').error).toContain('broken on purpose');
      expect(r.stderr).toContain('not healthy');
    } finally {
      gw.writeConfig(good);
    }
    let back = await cli(['health']);
    for (let i = 0; i < 40 && back.code !== 0; i++) {
      await new Promise((res) => setTimeout(res, 250));
      back = await cli(['health']);
    }
    expect(back.code).toBe(0);
  });
});

describe('gateway restart without a service', () => {
  it('falls back to gateway.restart: same pid, answering again', async () => {
    const r = await cli(['gateway', 'restart', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body).toMatchObject({ ok: true, via: 'in-process', pid: gw.pid, pidBefore: gw.pid });
    await gw.waitForOutput(/in-process restart|stopped for restart/);
    expect((await cli(['health'])).code).toBe(0);
  });

  it('gateway status reports no service and a running gateway', async () => {
    const r = await cli(['gateway', 'status', '--json']);
    expect(r.code).toBe(0);
    const body = JSON.parse(r.stdout);
    expect(body.service.installed).toBe(false);
    expect(body.gateway).toMatchObject({ reachable: true, pid: gw.pid });
  });
});
