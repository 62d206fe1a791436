import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/gateway-process.js';
import { cloneHome, runCli, tempHome } from './run-cli.js';

// The service manager is observed, not run: MOLTBOT_SERVICE_RUNNER_LOG makes the one runner
// record each systemctl/launchctl/loginctl command line instead of executing it.
let home: string;
let runnerLog: string;
const cli = (args: string[], env: Record<string, string> = {}) =>
  runCli(args, { home, env: { MOLTBOT_SERVICE_RUNNER_LOG: runnerLog, MOLTBOT_SERVICE_PLATFORM: 'linux', ...env } });
const recorded = () =>
  fs.existsSync(runnerLog)
    ? fs
        .readFileSync(runnerLog, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { cmd: string; args: string[] })
        .map((c) => [c.cmd, ...c.args].join(' '))
    : [];

let template: string;
beforeAll(async () => {
  template = tempHome();
  expect((await runCli(['setup', '--non-interactive'], { home: template })).code).toBe(0);
  expect((await runCli(['--dev', 'setup', '--non-interactive'], { home: template })).code).toBe(0);
});
beforeEach(() => {
  // Each test gets its own copy: unit files and the runner log must not leak between tests.
  home = cloneHome(template);
  runnerLog = path.join(home, 'runner.log');
});

describe('systemd (Linux)', () => {
  it('install writes the user unit with its markers, enables and starts it, prints the linger hint', async () => {
    const r = await cli(['gateway', 'install']);
    expect(r.code).toBe(0);
    const unitPath = path.join(home, '.config/systemd/user/moltbot-gateway.service');
    const unit = fs.readFileSync(unitPath, 'utf8');
    // The bundled build, what `npm start` runs (`npm run build` makes it).
    expect(unit).toContain(`ExecStart=${process.execPath} ${path.join(REPO_ROOT, 'dist/bundle/moltbot.js')} gateway\n`);
    expect(unit).toContain('Environment=CLAWDBOT_SERVICE_MARKER=moltbot');
    expect(unit).toContain('Environment=CLAWDBOT_SERVICE_KIND=gateway');
    expect(unit).toContain('Environment=CLAWDBOT_SERVICE_VERSION=0.1.0');
    expect(unit).toContain(`Environment=HOME=${home}`);
    expect(unit).toContain('Restart=on-failure');
    expect(unit).toContain('RestartPreventExitStatus=2 3');
    expect(unit).toContain('ExecReload=/bin/kill -USR1 $MAINPID');
    expect(unit).toContain('WantedBy=default.target');
    expect(unit).not.toMatch(/User=|token/i);
    expect(recorded()).toEqual([
      'systemctl --user daemon-reload',
      'systemctl --user enable moltbot-gateway.service',
      'systemctl --user restart moltbot-gateway.service',
      expect.stringMatching(/^loginctl show-user \S+ --property=Linger$/),
    ]);
    expect(r.stdout).toContain('loginctl enable-linger');
  });

  it('profiles get their own unit name; start/stop/restart/uninstall go through the runner', async () => {
    expect((await cli(['--dev', 'gateway', 'install'])).code).toBe(0);
    const unitPath = path.join(home, '.config/systemd/user/moltbot-gateway-dev.service');
    expect(fs.readFileSync(unitPath, 'utf8')).toMatch(/moltbot\.js --dev gateway\n/);
    fs.rmSync(runnerLog);
    expect((await cli(['--dev', 'gateway', 'stop'])).code).toBe(0);
    expect((await cli(['--dev', 'gateway', 'start'])).code).toBe(0);
    const restart = await cli(['--dev', 'gateway', 'restart', '--json']);
    expect(JSON.parse(restart.stdout)).toMatchObject({ ok: true, via: 'service', name: 'moltbot-gateway-dev.service' });
    const status = JSON.parse((await cli(['--dev', 'gateway', 'status', '--json', '--timeout', '2s'])).stdout);
    expect(status.service).toMatchObject({ installed: true, matches: true, name: 'moltbot-gateway-dev.service' });
    expect((await cli(['--dev', 'gateway', 'uninstall'])).code).toBe(0);
    expect(fs.existsSync(unitPath)).toBe(false);
    expect(recorded()).toEqual([
      'systemctl --user stop moltbot-gateway-dev.service',
      'systemctl --user start moltbot-gateway-dev.service',
      'systemctl --user restart moltbot-gateway-dev.service',
      'systemctl --user show moltbot-gateway-dev.service --no-pager ' +
        '--property=ActiveState,SubState,MainPID,UnitFileState,ExecMainStatus',
      'systemctl --user disable --now moltbot-gateway-dev.service',
      'systemctl --user daemon-reload',
    ]);
    // The main profile's service was never touched.
    expect(fs.existsSync(path.join(home, '.config/systemd/user/moltbot-gateway.service'))).toBe(false);
  });

  it('install --port pins the port, and the unit still counts as matching', async () => {
    expect((await cli(['gateway', 'install', '--port', '18850'])).code).toBe(0);
    expect(fs.readFileSync(path.join(home, '.config/systemd/user/moltbot-gateway.service'), 'utf8')).toMatch(
      /moltbot\.js gateway --port 18850\n/,
    );
    const status = JSON.parse((await cli(['gateway', 'status', '--json', '--timeout', '1s'])).stdout);
    expect(status.service).toMatchObject({ installed: true, matches: true });
    expect(status.gateway.reachable).toBe(false);
  });

  it('--system --dry-run shows a system unit with User= and changes nothing', async () => {
    const r = await cli(['gateway', 'install', '--system', '--user', 'bot', '--dry-run']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('# /etc/systemd/system/moltbot-gateway.service');
    expect(r.stdout).toContain('User=bot');
    expect(r.stdout).toContain('WantedBy=multi-user.target');
    expect(r.stdout).toContain('systemctl daemon-reload');
    expect(recorded()).toEqual([]);
  });

  it('start/stop without a service fail with exit 1 and say how to install one', async () => {
    const r = await cli(['gateway', 'start']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('moltbot gateway install');
    expect(recorded()).toEqual([]);
  });

  it('install without a config refuses and points to setup', async () => {
    const r = await cli(['--profile', 'empty', 'gateway', 'install']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('moltbot --profile empty setup');
  });

  it('doctor notices a unit that no longer matches and --fix rewrites it', async () => {
    await cli(['gateway', 'install']);
    const unitPath = path.join(home, '.config/systemd/user/moltbot-gateway.service');
    fs.writeFileSync(
      unitPath,
      fs.readFileSync(unitPath, 'utf8').replace('CLAWDBOT_SERVICE_VERSION=0.1.0', 'CLAWDBOT_SERVICE_VERSION=0.0.1'),
    );
    const audit = JSON.parse((await cli(['doctor', '--json'])).stdout);
    expect(audit.findings.some((f: { check: string }) => f.check === 'service-mismatch')).toBe(true);
    await cli(['doctor', '--fix']);
    expect(fs.readFileSync(unitPath, 'utf8')).toContain('CLAWDBOT_SERVICE_VERSION=0.1.0');
  });
});

describe('launchd (macOS)', () => {
  it('install writes bot.molt.gateway.plist and bootstraps it; profiles use bot.molt.<profile>', async () => {
    const env = { MOLTBOT_SERVICE_PLATFORM: 'darwin' };
    expect((await cli(['gateway', 'install'], env)).code).toBe(0);
    const plist = fs.readFileSync(path.join(home, 'Library/LaunchAgents/bot.molt.gateway.plist'), 'utf8');
    expect(plist).toContain('<string>bot.molt.gateway</string>');
    expect(plist).toContain('<key>CLAWDBOT_SERVICE_MARKER</key>\n      <string>moltbot</string>');
    expect(plist).toContain('<key>CLAWDBOT_SERVICE_KIND</key>\n      <string>gateway</string>');
    expect(plist).toContain('<key>KeepAlive</key>');
    const uid = process.getuid!();
    expect(recorded()).toEqual([
      `launchctl bootout gui/${uid}/bot.molt.gateway`,
      `launchctl bootstrap gui/${uid} ${path.join(home, 'Library/LaunchAgents/bot.molt.gateway.plist')}`,
      `launchctl enable gui/${uid}/bot.molt.gateway`,
      `launchctl kickstart -k gui/${uid}/bot.molt.gateway`,
    ]);
    expect((await cli(['--dev', 'gateway', 'install'], env)).code).toBe(0);
    expect(fs.existsSync(path.join(home, 'Library/LaunchAgents/bot.molt.dev.plist'))).toBe(true);
  });
});
