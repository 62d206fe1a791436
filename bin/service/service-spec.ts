import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cliCommand } from '../../kernel/cli-command.js';
import type { GatewayPaths } from '../../kernel/paths.js';
import { CliError } from '../cli/cli-error.js';
import { packageRoot, packageVersion } from '../package-version.js';
import { launchdLabel, systemdUnitName } from './service-names.js';

export type ServicePlatform = 'linux' | 'darwin';

/** Everything a service definition needs, independent of the service manager's syntax. */
export interface ServiceSpec {
  platform: ServicePlatform;
  /** A system-wide unit/daemon (runs as `user`) instead of the user's own. */
  system: boolean;
  profile: string | undefined;
  /** systemd unit name or launchd label. */
  name: string;
  /** Where the unit/plist lives. */
  file: string;
  user: string;
  home: string;
  /** node + the CLI + `gateway` + profile flags. */
  programArguments: string[];
  environment: Record<string, string>;
  workingDirectory: string;
  logFile: string;
  description: string;
}

/** Test and cross-platform override: `MOLTBOT_SERVICE_PLATFORM=linux|darwin`. */
export function servicePlatform(env: NodeJS.ProcessEnv): ServicePlatform {
  const p = env.MOLTBOT_SERVICE_PLATFORM || process.platform;
  if (p === 'linux' || p === 'darwin') return p;
  throw new CliError(
    'GW_ERR_CLI_SERVICE',
    `services are supported on Linux (systemd) and macOS (launchd), not on ${p}: run ` +
      `"${cliCommand('gateway')}" in the ` +
      'foreground instead',
  );
}

export interface ServiceSpecInput {
  paths: GatewayPaths;
  env: NodeJS.ProcessEnv;
  system?: boolean;
  user?: string;
  port?: number;
}

export function buildServiceSpec(input: ServiceSpecInput): ServiceSpec {
  const { paths, env } = input;
  const platform = servicePlatform(env);
  const system = input.system === true;
  const home = env.HOME ?? os.homedir();
  const user = input.user ?? env.USER ?? os.userInfo().username;
  const name = platform === 'linux' ? systemdUnitName(paths.profile) : launchdLabel(paths.profile);
  const file =
    platform === 'linux'
      ? system
        ? path.join('/etc/systemd/system', name)
        : path.join(env.XDG_CONFIG_HOME || path.join(home, '.config'), 'systemd', 'user', name)
      : system
        ? path.join('/Library/LaunchDaemons', `${name}.plist`)
        : path.join(home, 'Library', 'LaunchAgents', `${name}.plist`);
  const version = packageVersion();
  const programArguments = [process.execPath, gatewayEntry(packageRoot())];
  if (paths.profile === 'dev') programArguments.push('--dev');
  else if (paths.profile) programArguments.push('--profile', paths.profile);
  programArguments.push('gateway');
  if (input.port !== undefined) programArguments.push('--port', String(input.port));
  const environment: Record<string, string> = {
    HOME: home,
    PATH: env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    NO_COLOR: '1',
    CLAWDBOT_SERVICE_MARKER: 'moltbot',
    CLAWDBOT_SERVICE_KIND: 'gateway',
    CLAWDBOT_SERVICE_VERSION: version,
    // Which manager relaunches it: under launchd a permanent failure exits 0 (launchd-plist.ts).
    CLAWDBOT_SERVICE_MANAGER: platform === 'linux' ? 'systemd' : 'launchd',
  };
  // Overrides the user set when installing must hold for the service too, or it would run another profile.
  if (env.CLAWDBOT_STATE_DIR) environment.CLAWDBOT_STATE_DIR = paths.stateDir;
  if (env.CLAWDBOT_CONFIG_PATH) environment.CLAWDBOT_CONFIG_PATH = paths.configPath;
  return {
    platform,
    system,
    profile: paths.profile,
    name,
    file,
    user,
    home,
    programArguments,
    environment,
    workingDirectory: home,
    logFile: paths.logFile,
    description: `Moltbot Gateway${paths.profile ? ` (profile ${paths.profile})` : ''} v${version}`,
  };
}

/** The bundled build when it is there (what `npm start` runs; bin/build/bundle-gateway.ts), else the unbundled one. */
function gatewayEntry(root: string): string {
  const bundled = path.join(root, 'dist', 'bundle', 'moltbot.js');
  return fs.existsSync(bundled) ? bundled : path.join(root, 'dist', 'bin', 'moltbot.js');
}
