import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { modeOf, runCli, tempHome } from './run-cli.js';

let home: string;
let configPath: string;
const cli = (args: string[], env?: Record<string, string>) => runCli(args, { home, env });

beforeAll(async () => {
  home = tempHome();
  expect((await cli(['setup', '--non-interactive'])).code).toBe(0);
  configPath = path.join(home, '.clawdbot/moltbot.json');
});

describe('moltbot config', () => {
  it('get redacts secrets unless --show-secrets', async () => {
    const token = JSON.parse(fs.readFileSync(configPath, 'utf8')).gateway.auth.token;
    const redacted = await cli(['config', 'get', 'gateway.auth.token']);
    expect(redacted.code).toBe(0);
    expect(redacted.stdout).not.toContain(token);
    expect(redacted.stdout).toContain('redacted');
    const whole = await cli(['config', 'get', '--json']);
    expect(whole.stdout).not.toContain(token);
    expect(JSON.parse(whole.stdout).gateway.auth.mode).toBe('token');
    const shown = await cli(['config', 'get', 'gateway.auth.token', '--show-secrets']);
    expect(shown.stdout.trim()).toBe(token);
  });

  it('set parses JSON5 values, writes atomically with mode 0600, and get reads them back', async () => {
    expect((await cli(['config', 'set', 'gateway.port', '18801'])).code).toBe(0);
    expect((await cli(['config', 'set', 'gateway.bind', 'loopback'])).code).toBe(0);
    expect((await cli(['config', 'set', 'gateway.allowedHosts', "['gw.example', 'gw.local']"])).code).toBe(0);
    const cfg = JSON.parse(fs.readFileSync(configPath, 'utf8'));
    expect(cfg.gateway.port).toBe(18801);
    expect(cfg.gateway.bind).toBe('loopback');
    expect(cfg.gateway.allowedHosts).toEqual(['gw.example', 'gw.local']);
    expect(modeOf(configPath)).toBe('600');
    expect((await cli(['config', 'get', 'gateway.port'])).stdout.trim()).toBe('18801');
    expect(fs.readdirSync(path.dirname(configPath)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('an invalid value is refused with exit 2, naming the path, and changes nothing', async () => {
    const before = fs.readFileSync(configPath, 'utf8');
    const r = await cli(['config', 'set', 'gateway.port', '70000']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('gateway.port');
    expect(r.stderr).toContain('nothing was changed');
    const bad = await cli(['config', 'set', 'gateway.reload.mode', 'sometimes']);
    expect(bad.code).toBe(2);
    const broken = await cli(['config', 'set', 'gateway.allowedHosts', '[oops']);
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('--string');
    expect(fs.readFileSync(configPath, 'utf8')).toBe(before);
  });

  it('unset removes a value; a missing path exits 1', async () => {
    expect((await cli(['config', 'unset', 'gateway.allowedHosts'])).code).toBe(0);
    expect(JSON.parse(fs.readFileSync(configPath, 'utf8')).gateway.allowedHosts).toBeUndefined();
    const again = await cli(['config', 'unset', 'gateway.allowedHosts']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('not set');
    expect((await cli(['config', 'get', 'nope.nothing'])).code).toBe(1);
  });

  it('validate: 0 when valid, 2 with the failing path for schema errors and JSON5 syntax errors', async () => {
    const ok = await cli(['config', 'validate', '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).ok).toBe(true);
    const other = path.join(home, 'other.json5');
    fs.writeFileSync(other, '{ gateway: { port: "x" }, unknownTop: 1 }', { mode: 0o600 });
    const bad = await cli(['config', 'validate', '--json'], { CLAWDBOT_CONFIG_PATH: other });
    expect(bad.code).toBe(2);
    const issues = JSON.parse(bad.stdout).issues;
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'gateway.port', severity: 'error' }),
        expect.objectContaining({ path: 'unknownTop', severity: 'warning' }),
      ]),
    );
    fs.writeFileSync(other, '{ gateway: { port: 1 ', { mode: 0o600 });
    const syntax = await cli(['config', 'validate'], { CLAWDBOT_CONFIG_PATH: other });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toMatch(/not valid JSON5/);
  });

  it('edit saves a valid edit and refuses an invalid one, keeping the draft', async () => {
    const editor = path.join(home, 'fake-editor.sh');
    // The "editor" replaces the port in the file it is given.
    fs.writeFileSync(editor, '#!/bin/sh\nsed -i "s/\\"port\\": [0-9]*/\\"port\\": $NEW_PORT/" "$1"\n', { mode: 0o700 });
    const ok = await cli(['config', 'edit'], { EDITOR: editor, NEW_PORT: '18802' });
    expect(ok.code).toBe(0);
    expect(JSON.parse(fs.readFileSync(configPath, 'utf8')).gateway.port).toBe(18802);
    const before = fs.readFileSync(configPath, 'utf8');
    const bad = await cli(['config', 'edit'], { EDITOR: editor, NEW_PORT: '99999' });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('gateway.port');
    const draft = /kept in (\S+?);/.exec(bad.stderr)?.[1];
    expect(draft && fs.existsSync(draft)).toBe(true);
    expect(modeOf(draft!)).toBe('600');
    expect(fs.readFileSync(configPath, 'utf8')).toBe(before);
  });

  it('--help shows examples; an unknown command exits 2', async () => {
    const help = await cli(['config', 'set', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('moltbot config set gateway.port 18800');
    const unknown = await cli(['config', 'frobnicate']);
    expect(unknown.code).toBe(2);
  });
});
