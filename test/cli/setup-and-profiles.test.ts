import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { modeOf, runCli, tempHome } from './run-cli.js';

const started: GatewayProcess[] = [];
afterAll(async () => {
  for (const g of started) await g.stop();
});

describe('moltbot setup', () => {
  it('creates state dir 0700, config 0600 with a ≥32-char token, and the workspace', async () => {
    const home = tempHome();
    const r = await runCli(['setup', '--non-interactive'], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Next steps');
    const state = path.join(home, '.clawdbot');
    const config = JSON.parse(fs.readFileSync(path.join(state, 'moltbot.json'), 'utf8'));
    expect(config.gateway.auth.token.length).toBeGreaterThanOrEqual(32);
    expect(r.stdout).not.toContain(config.gateway.auth.token);
    expect(modeOf(state)).toBe('700');
    expect(modeOf(path.join(state, 'moltbot.json'))).toBe('600');
    expect(modeOf(path.join(state, 'credentials'))).toBe('700');
    expect(modeOf(path.join(state, 'logs'))).toBe('700');
    expect(fs.statSync(path.join(home, 'clawd')).isDirectory()).toBe(true);

    // Again: the token stays; --reset-token replaces it.
    expect((await runCli(['setup', '--non-interactive'], { home })).code).toBe(0);
    const again = JSON.parse(fs.readFileSync(path.join(state, 'moltbot.json'), 'utf8'));
    expect(again.gateway.auth.token).toBe(config.gateway.auth.token);
    const reset = await runCli(['setup', '--non-interactive', '--reset-token', '--json'], { home });
    expect(JSON.parse(reset.stdout)).toMatchObject({ ok: true, tokenGenerated: true, configCreated: false });
    const after = JSON.parse(fs.readFileSync(path.join(state, 'moltbot.json'), 'utf8'));
    expect(after.gateway.auth.token).not.toBe(config.gateway.auth.token);
    expect(after.gateway.auth.token.length).toBeGreaterThanOrEqual(32);
  });

  it('stores a model provider and Telegram token from flags (--skip-check: offline)', async () => {
    const home = tempHome();
    const r = await runCli(
      [
        'setup',
        '--non-interactive',
        '--provider',
        'local',
        '--provider-base-url',
        'http://127.0.0.1:9/v1',
        '--provider-api-key',
        'sk-test',
        '--model',
        'm1',
        '--telegram-token',
        '123:abc',
        '--skip-check',
      ],
      { home },
    );
    expect(r.code).toBe(0);
    const config = JSON.parse(fs.readFileSync(path.join(home, '.clawdbot/moltbot.json'), 'utf8'));
    expect(config.models.providers.local).toMatchObject({
      baseUrl: 'http://127.0.0.1:9/v1',
      apiKey: 'sk-test',
      api: 'openai-completions',
    });
    expect(config.agents.defaults.model.primary).toBe('local/m1');
    expect(config.channels.telegram.botToken).toBe('123:abc');
  });

  it('refuses an incomplete or invalid provider with exit 2 and writes nothing', async () => {
    const home = tempHome();
    const r = await runCli(['setup', '--non-interactive', '--provider', 'x', '--model', 'm'], { home });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--provider-base-url');
    const bad = await runCli(
      [
        'setup',
        '--non-interactive',
        '--provider',
        'x',
        '--provider-base-url',
        'http://h/v1',
        '--model',
        'm',
        '--provider-api',
        'grpc',
      ],
      { home },
    );
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('openai-completions');
    expect(fs.existsSync(path.join(home, '.clawdbot/moltbot.json'))).toBe(false);
  });
});

// The interactive setup is tested in a pseudo-terminal in setup-wizard.test.ts.

describe('profiles', () => {
  it('--dev uses ~/.clawdbot-dev, ~/clawd-dev and port 19001, leaving the main profile alone', async () => {
    const home = tempHome();
    expect((await runCli(['--dev', 'setup', '--non-interactive'], { home })).code).toBe(0);
    expect(fs.existsSync(path.join(home, '.clawdbot-dev/moltbot.json'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'clawd-dev'))).toBe(true);
    expect(fs.existsSync(path.join(home, '.clawdbot'))).toBe(false);
    const s = JSON.parse((await runCli(['--dev', 'status', '--json', '--timeout', '2s'], { home })).stdout);
    expect(s).toMatchObject({
      profile: 'dev',
      stateDir: path.join(home, '.clawdbot-dev'),
      port: 19001,
      url: 'ws://127.0.0.1:19001',
    });
    const main = JSON.parse((await runCli(['status', '--json', '--timeout', '2s'], { home })).stdout);
    expect(main).toMatchObject({
      profile: 'default',
      stateDir: path.join(home, '.clawdbot'),
      port: 18789,
      configExists: false,
    });
  });

  it('a --dev gateway is reached by --dev commands and not by the main profile', async () => {
    const home = tempHome();
    await runCli(['--dev', 'setup', '--non-interactive'], { home });
    const port = await freePort();
    const gw = await startGateway({ home, port, args: ['--dev'] });
    started.push(gw);
    // The harness seeds ~/.clawdbot for the main profile; the dev gateway must not need it.
    fs.rmSync(path.join(home, '.clawdbot'), { recursive: true, force: true });
    const env = { CLAWDBOT_GATEWAY_PORT: String(port) };
    const dev = await runCli(['--dev', 'status', '--json'], { home, env });
    expect(dev.code).toBe(0);
    const body = JSON.parse(dev.stdout);
    expect(body.gateway.stateDir).toBe(path.join(home, '.clawdbot-dev'));
    expect(body.gateway.port).toBe(port);
    // Same port, main profile: no config there, so no token — the dev gateway refuses it.
    const main = await runCli(['health'], { home, env });
    expect(main.code, main.stderr).toBe(5);
    await gw.stop();
  });

  it('--profile <name> and CLAWDBOT_STATE_DIR pick their own state dirs; bad names are usage errors', async () => {
    const home = tempHome();
    expect((await runCli(['--profile', 'work', 'setup', '--non-interactive'], { home })).code).toBe(0);
    expect(fs.existsSync(path.join(home, '.clawdbot-work/moltbot.json'))).toBe(true);
    expect(fs.existsSync(path.join(home, 'clawd-work'))).toBe(true);
    const custom = path.join(home, 'elsewhere');
    expect((await runCli(['setup', '--non-interactive'], { home, env: { CLAWDBOT_STATE_DIR: custom } })).code).toBe(0);
    expect(modeOf(path.join(custom, 'moltbot.json'))).toBe('600');
    const bad = await runCli(['--profile', 'Bad Name', 'status'], { home });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('not a valid name');
    const both = await runCli(['--dev', '--profile', 'x', 'status'], { home });
    expect(both.code).toBe(2);
  });
});

describe('moltbot gateway (foreground)', () => {
  it('--allow-unconfigured starts on a fresh HOME and writes a 0600 config with a token', async () => {
    const home = tempHome();
    fs.rmSync(path.join(home, '.clawdbot'), { recursive: true, force: true });
    const port = await freePort();
    // startGateway always writes a config; spawn via the CLI helper instead to keep HOME empty.
    const { spawn } = await import('node:child_process');
    const { CLI } = await import('../support/gateway-process.js');
    const { cliEnv } = await import('./run-cli.js');
    const child = spawn(process.execPath, [CLI, 'gateway', '--allow-unconfigured', '--port', String(port)], {
      env: cliEnv(home),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d.toString()));
    try {
      const deadline = Date.now() + 20_000;
      while (!/listening on ws:/.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      expect(out).toContain(`listening on ws://127.0.0.1:${port}`);
      const configPath = path.join(home, '.clawdbot/moltbot.json');
      expect(modeOf(configPath)).toBe('600');
      expect(modeOf(path.join(home, '.clawdbot'))).toBe('700');
      const r = await runCli(['health', '--json'], { home, env: { CLAWDBOT_GATEWAY_PORT: String(port) } });
      expect(r.code).toBe(0);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('without a config and without --allow-unconfigured it says to run setup', async () => {
    const home = tempHome();
    const r = await runCli(['gateway', '--port', String(await freePort())], { home });
    // Exit 2: a permanent start failure (the service units do not restart it), like an invalid config.
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('moltbot setup');
  });

  it('a busy port exits 3 naming --force; --force takes the port over', async () => {
    const first = await startGateway();
    started.push(first);
    const second = await runCli(['gateway', '--port', String(first.port)], { home: first.home });
    expect(second.code).toBe(3);
    expect(second.stderr).toContain(`port ${first.port} is already in use`);
    expect(second.stderr).toContain('--force');
    const forced = await startGateway({ home: first.home, port: first.port, args: ['--force'] });
    started.push(forced);
    const exit = await first.waitExit(15_000);
    expect(exit.code === 0 || exit.signal !== null).toBe(true);
    const c = await forced.client();
    expect((await c.request('status')).pid).toBe(forced.pid);
    c.close();
    await forced.stop();
  }, 90_000); // three gateway processes in sequence: generous on a loaded 2-core machine
});
