import fs from 'node:fs';
import path from 'node:path';
import { cliCommand } from '../../kernel/cli-command.js';
import type { GatewayPaths } from '../../kernel/paths.js';
import { CliError } from '../cli/cli-error.js';
import { renderLaunchdPlist } from './launchd-plist.js';
import { type RunResult, runServiceCommand } from './service-runner.js';
import { buildServiceSpec, type ServiceSpec, type ServiceSpecInput, servicePlatform } from './service-spec.js';
import { renderSystemdUnit } from './systemd-unit.js';

export type ServiceAction = 'start' | 'stop' | 'restart';

export interface ServiceDescription {
  kind: 'systemd' | 'launchd' | 'none';
  name?: string;
  file?: string;
  installed: boolean;
  /** The installed file equals what `install` would write now (same node, CLI path, version, profile). */
  matches?: boolean;
}

export interface PlannedCommand {
  cmd: string;
  args: string[];
  /** A failure is fine (e.g. stopping a service that was not loaded). */
  mayFail?: boolean;
}

export function renderService(spec: ServiceSpec): string {
  return spec.platform === 'linux' ? renderSystemdUnit(spec) : renderLaunchdPlist(spec);
}

/** The port an installed service was pinned to with `install --port`, so a regenerated file compares equal. */
function installedPort(text: string): number | undefined {
  const m = /(?:--port(?:<\/string>\s*<string>|\s+))(\d+)/.exec(text);
  return m ? Number(m[1]) : undefined;
}

/**
 * The spec this CLI would install now for the installed file, keeping the choices made at install
 * time (`--port`, `--system --user`), so a comparison only flags real drift.
 */
export function expectedSpecFor(paths: GatewayPaths, env: NodeJS.ProcessEnv): ServiceSpec | undefined {
  for (const system of [false, true]) {
    const spec = buildServiceSpec({ paths, env, system });
    if (!fs.existsSync(spec.file)) continue;
    const text = fs.readFileSync(spec.file, 'utf8');
    const user = /^User=(.+)$/m.exec(text)?.[1] ?? /<key>UserName<\/key>\s*<string>([^<]+)</.exec(text)?.[1];
    return buildServiceSpec({ paths, env, system, port: installedPort(text), user });
  }
  return undefined;
}

/** What is installed for this profile (user unit first, then a system one). */
export function describeService(paths: GatewayPaths, env: NodeJS.ProcessEnv): ServiceDescription {
  let platform: ReturnType<typeof servicePlatform>;
  try {
    platform = servicePlatform(env);
  } catch {
    return { kind: 'none', installed: false };
  }
  const expected = expectedSpecFor(paths, env);
  if (expected) {
    const text = fs.readFileSync(expected.file, 'utf8');
    return {
      kind: platform === 'linux' ? 'systemd' : 'launchd',
      name: expected.name,
      file: expected.file,
      installed: true,
      matches: text === renderService(expected),
    };
  }
  const spec = buildServiceSpec({ paths, env });
  return { kind: platform === 'linux' ? 'systemd' : 'launchd', name: spec.name, file: spec.file, installed: false };
}

function uid(): number {
  return typeof process.getuid === 'function' ? process.getuid() : 0;
}

function launchdDomain(spec: ServiceSpec): string {
  return spec.system ? 'system' : `gui/${uid()}`;
}

function systemctl(spec: ServiceSpec, ...args: string[]): PlannedCommand {
  return { cmd: 'systemctl', args: spec.system ? args : ['--user', ...args] };
}

export function installCommands(spec: ServiceSpec): PlannedCommand[] {
  if (spec.platform === 'linux') {
    return [
      systemctl(spec, 'daemon-reload'),
      systemctl(spec, 'enable', spec.name),
      systemctl(spec, 'restart', spec.name),
    ];
  }
  const target = `${launchdDomain(spec)}/${spec.name}`;
  return [
    { cmd: 'launchctl', args: ['bootout', target], mayFail: true },
    { cmd: 'launchctl', args: ['bootstrap', launchdDomain(spec), spec.file] },
    { cmd: 'launchctl', args: ['enable', target] },
    { cmd: 'launchctl', args: ['kickstart', '-k', target] },
  ];
}

export function uninstallCommands(spec: ServiceSpec): PlannedCommand[] {
  if (spec.platform === 'linux') return [{ ...systemctl(spec, 'disable', '--now', spec.name), mayFail: true }];
  return [{ cmd: 'launchctl', args: ['bootout', `${launchdDomain(spec)}/${spec.name}`], mayFail: true }];
}

export function actionCommands(spec: ServiceSpec, action: ServiceAction): PlannedCommand[] {
  if (spec.platform === 'linux') return [systemctl(spec, action, spec.name)];
  const target = `${launchdDomain(spec)}/${spec.name}`;
  if (action === 'restart') return [{ cmd: 'launchctl', args: ['kickstart', '-k', target] }];
  if (action === 'stop') return [{ cmd: 'launchctl', args: ['bootout', target] }];
  return [
    { cmd: 'launchctl', args: ['bootstrap', launchdDomain(spec), spec.file], mayFail: true },
    { cmd: 'launchctl', args: ['kickstart', target] },
  ];
}

export function statusCommand(spec: ServiceSpec): PlannedCommand {
  if (spec.platform === 'linux')
    return systemctl(
      spec,
      'show',
      spec.name,
      '--no-pager',
      '--property=ActiveState,SubState,MainPID,UnitFileState,ExecMainStatus',
    );
  return { cmd: 'launchctl', args: ['print', `${launchdDomain(spec)}/${spec.name}`] };
}

/** Run planned commands through the one runner; the first failure that matters throws. */
export function runPlanned(commands: readonly PlannedCommand[], env: NodeJS.ProcessEnv): RunResult[] {
  const results: RunResult[] = [];
  for (const c of commands) {
    const r = runServiceCommand(c.cmd, c.args, env);
    results.push(r);
    if (r.code !== 0 && !c.mayFail) {
      const hint =
        r.code === 127
          ? ` — is ${c.cmd === 'systemctl' ? 'systemd' : 'launchd'} running here? Without it, run ` +
            `"${cliCommand('gateway')}" in the foreground (remove the file with ` +
            `"${cliCommand('gateway uninstall')}")`
          : '';
      throw new CliError(
        'GW_ERR_CLI_SERVICE',
        `${c.cmd} ${c.args.join(' ')} failed (exit ${r.code}): ${(r.stderr || r.stdout).trim() || 'no output'}${hint}`,
      );
    }
  }
  return results;
}

export function writeServiceFile(spec: ServiceSpec): void {
  fs.mkdirSync(path.dirname(spec.file), { recursive: true, mode: 0o755 });
  const tmp = `${spec.file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, renderService(spec), { mode: 0o644 });
  fs.renameSync(tmp, spec.file);
}

/** The spec of what is installed (user unit first, then system), or undefined. */
export function installedSpec(paths: GatewayPaths, env: NodeJS.ProcessEnv): ServiceSpec | undefined {
  for (const system of [false, true]) {
    const spec = buildServiceSpec({ paths, env, system } satisfies ServiceSpecInput);
    if (fs.existsSync(spec.file)) return spec;
  }
  return undefined;
}

/** Parse `systemctl show` (Key=Value lines) or `launchctl print` (key = value lines). */
export function parseServiceState(
  spec: ServiceSpec,
  stdout: string,
): { active?: boolean; state?: string; pid?: number } {
  if (spec.platform === 'linux') {
    const kv = Object.fromEntries(
      stdout
        .split('\n')
        .filter((l) => l.includes('='))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1).trim()]),
    );
    if (!kv.ActiveState) return {};
    const pid = Number(kv.MainPID);
    return {
      active: kv.ActiveState === 'active',
      state: `${kv.ActiveState}${kv.SubState ? ` (${kv.SubState})` : ''}`,
      ...(pid > 0 ? { pid } : {}),
    };
  }
  const state = /^\s*state = (\S+)/m.exec(stdout)?.[1];
  const pid = Number(/^\s*pid = (\d+)/m.exec(stdout)?.[1] ?? 0);
  if (!state) return {};
  return { active: state === 'running', state, ...(pid > 0 ? { pid } : {}) };
}

/** `loginctl enable-linger` keeps a user's services running after logout; tell the user when it is off. */
export function lingerHint(spec: ServiceSpec, env: NodeJS.ProcessEnv): string | undefined {
  if (spec.platform !== 'linux' || spec.system) return undefined;
  const r = runServiceCommand('loginctl', ['show-user', spec.user, '--property=Linger'], env);
  if (/Linger=yes/.test(r.stdout)) return undefined;
  return (
    'To keep the gateway running after you log out (and start it at boot), enable lingering: sudo loginctl ' +
    `enable-linger ${spec.user}`
  );
}
