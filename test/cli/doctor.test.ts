import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { freePort } from '../support/free-port.js';
import { cloneHome, modeOf, runCli, tempHome } from './run-cli.js';

let home: string;
let state: string;
let configPath: string;
const cli = (args: string[], env?: Record<string, string>) => runCli(args, { home, env });
const readConfig = () => JSON.parse(fs.readFileSync(configPath, 'utf8'));
const writeConfig = (c: unknown) => fs.writeFileSync(configPath, JSON.stringify(c), { mode: 0o600 });

let template: string;
beforeAll(async () => {
  template = tempHome();
  expect((await runCli(['setup', '--non-interactive'], { home: template })).code).toBe(0);
});
beforeEach(async () => {
  home = cloneHome(template);
  state = path.join(home, '.clawdbot');
  configPath = path.join(state, 'moltbot.json');
  // A port nobody uses, so the port check sees it free (or held by the test's own squatter).
  const cfg = JSON.parse(fs.readFileSync(configPath, 'utf8'));
  cfg.gateway.port = await freePort();
  fs.writeFileSync(configPath, JSON.stringify(cfg), { mode: 0o600 });
});

describe('moltbot doctor', () => {
  it('a fresh setup has no errors (exit 0)', async () => {
    const r = await cli(['doctor', '--json']);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings.filter((f: { severity: string }) => f.severity === 'error')).toEqual([]);
  });

  it('finds loose file modes and --fix restores 0600/0700', async () => {
    fs.chmodSync(configPath, 0o644);
    fs.chmodSync(state, 0o755);
    const cred = path.join(state, 'credentials/whatsapp/default');
    fs.mkdirSync(cred, { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(cred, 'creds.json'), '{}', { mode: 0o644 });
    const audit = await cli(['doctor']);
    expect(audit.code).toBe(1);
    expect(audit.stdout).toContain('[file-mode]');
    expect(audit.stdout).toContain(`chmod 600 ${configPath}`);
    const fixed = await cli(['doctor', '--fix']);
    expect(fixed.code).toBe(0);
    expect(modeOf(configPath)).toBe('600');
    expect(modeOf(state)).toBe('700');
    expect(modeOf(cred)).toBe('700');
    expect(modeOf(path.join(cred, 'creds.json'))).toBe('600');
  });

  it('flags a weak token, the hooks token reused, a stale lock; --fix repairs them', async () => {
    const cfg = readConfig();
    cfg.gateway.auth.token = 'short';
    cfg.hooks = { token: 'short' };
    writeConfig(cfg);
    const lock = path.join(state, 'whatsapp.lock');
    fs.writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 12345 }));
    const audit = JSON.parse((await cli(['doctor', '--json'])).stdout);
    const checks = audit.findings.map((f: { check: string }) => f.check);
    expect(checks).toEqual(expect.arrayContaining(['token-strength', 'hooks-token-reuse', 'stale-lock']));
    expect(audit.ok).toBe(false);
    const fixed = await cli(['doctor', '--fix', '--json']);
    expect(fixed.code).toBe(0);
    const after = readConfig();
    expect(after.gateway.auth.token.length).toBeGreaterThanOrEqual(32);
    expect(after.hooks.token).not.toBe(after.gateway.auth.token);
    expect(fs.existsSync(lock)).toBe(false);
  });

  it('a non-loopback bind without auth is an error', async () => {
    const cfg = readConfig();
    cfg.gateway.bind = 'lan';
    delete cfg.gateway.auth;
    writeConfig(cfg);
    const r = await cli(['doctor']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[auth-missing]');
    expect(r.stdout).toContain('not loopback');
  });

  it('reports the port held by another process, and a Telegram block without a token', async () => {
    const cfg = readConfig();
    cfg.channels = { telegram: { enabled: true } };
    writeConfig(cfg);
    const squatter = net.createServer((s) => s.destroy());
    await new Promise<void>((r) => squatter.listen(cfg.gateway.port, '127.0.0.1', () => r()));
    try {
      const r = await cli(['doctor', '--json']);
      expect(r.code).toBe(1);
      const findings = JSON.parse(r.stdout).findings;
      const conflict = findings.find((f: { check: string }) => f.check === 'port-conflict');
      expect(conflict.message).toContain(`port ${cfg.gateway.port} is held by pid ${process.pid}`);
      expect(conflict.fix).toContain('--force');
      expect(
        findings.some(
          (f: { check: string; message: string }) => f.check === 'channel-credentials' && /Telegram/.test(f.message),
        ),
      ).toBe(true);
    } finally {
      await new Promise((r) => squatter.close(r));
    }
  });

  it('an unparsable config is an error it cannot fix', async () => {
    fs.writeFileSync(configPath, '{ gateway: ', { mode: 0o600 });
    const r = await cli(['doctor', '--fix']);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('[config-parse]');
  });
});
