import { describe, expect, it } from 'vitest';
import { resolvePaths } from '../../kernel/paths.js';
import { renderLaunchdPlist } from './launchd-plist.js';
import { parseServiceState } from './service-manager.js';
import { buildServiceSpec } from './service-spec.js';
import { renderSystemdUnit } from './systemd-unit.js';

const env = { HOME: '/home/a b', USER: 'alice', PATH: '/usr/bin', MOLTBOT_SERVICE_PLATFORM: 'linux' };

describe('service files', () => {
  it('quotes ExecStart words and Environment values that contain spaces', () => {
    const spec = buildServiceSpec({ paths: resolvePaths({ profile: 'work', env, home: env.HOME }), env });
    const unit = renderSystemdUnit(spec);
    expect(spec.name).toBe('moltbot-gateway-work.service');
    expect(unit).toContain('Environment="HOME=/home/a b"');
    expect(unit).toMatch(/ExecStart=\S+ \S+moltbot\.js --profile work gateway\n/);
    expect(unit).toContain('WorkingDirectory=/home/a b');
  });

  it('does not relaunch for ever after a permanent failure (port busy, bad config)', () => {
    const unit = renderSystemdUnit(buildServiceSpec({ paths: resolvePaths({ env, home: env.HOME }), env }));
    const unitSection = unit.slice(unit.indexOf('[Unit]'), unit.indexOf('[Service]'));
    const service = unit.slice(unit.indexOf('[Service]'), unit.indexOf('[Install]'));
    expect(service).toContain('Restart=on-failure\n');
    // Exit 2 (invalid config) and 3 (port in use) are permanent: systemd must not restart them.
    expect(service).toMatch(/^RestartPreventExitStatus=2 3$/m);
    // And a crash loop of anything else gives up after 5 starts in 5 minutes.
    expect(unitSection).toMatch(/^StartLimitIntervalSec=300$/m);
    expect(unitSection).toMatch(/^StartLimitBurst=5$/m);
    expect(unit).not.toContain('Restart=always');
  });

  it('launchd keeps the gateway alive only after an unsuccessful exit, throttled', () => {
    const spec = buildServiceSpec({
      paths: resolvePaths({ env, home: env.HOME }),
      env: { ...env, MOLTBOT_SERVICE_PLATFORM: 'darwin' },
    });
    const plist = renderLaunchdPlist(spec);
    expect(plist).toMatch(/<key>KeepAlive<\/key>\s*<dict>\s*<key>SuccessfulExit<\/key>\s*<false\/>\s*<\/dict>/);
    expect(plist).toMatch(/<key>ThrottleInterval<\/key>\s*<integer>30<\/integer>/);
    // launchd has no RestartPreventExitStatus: the gateway exits 0 on a permanent failure under launchd.
    expect(spec.environment.CLAWDBOT_SERVICE_MANAGER).toBe('launchd');
  });

  it('escapes XML in the plist', () => {
    const spec = buildServiceSpec({
      paths: resolvePaths({ env, home: '/Users/a&b' }),
      env: { ...env, HOME: '/Users/a&b', MOLTBOT_SERVICE_PLATFORM: 'darwin' },
    });
    const plist = renderLaunchdPlist(spec);
    expect(spec.name).toBe('bot.molt.gateway');
    expect(spec.file).toBe('/Users/a&b/Library/LaunchAgents/bot.molt.gateway.plist');
    expect(plist).toContain('<string>/Users/a&amp;b</string>');
    expect(plist).not.toContain('a&b<');
  });

  it('parses systemctl show and launchctl print', () => {
    const linux = buildServiceSpec({ paths: resolvePaths({ env, home: env.HOME }), env });
    expect(parseServiceState(linux, 'ActiveState=active\nSubState=running\nMainPID=42\n')).toEqual({
      active: true,
      state: 'active (running)',
      pid: 42,
    });
    expect(parseServiceState(linux, 'ActiveState=inactive\nSubState=dead\nMainPID=0\n')).toEqual({
      active: false,
      state: 'inactive (dead)',
    });
    const mac = buildServiceSpec({
      paths: resolvePaths({ env, home: env.HOME }),
      env: { ...env, MOLTBOT_SERVICE_PLATFORM: 'darwin' },
    });
    expect(parseServiceState(mac, 'gui/501/bot.molt.gateway = {\n\tstate = running\n\tpid = 77\n}')).toEqual({
      active: true,
      state: 'running',
      pid: 77,
    });
  });
});
