import os from 'node:os';
import path from 'node:path';

/** A profile isolates state dir, config, workspace and ports (PROTOCOL.md "Files"). */
export interface ProfileOptions {
  dev?: boolean;
  profile?: string;
  env?: NodeJS.ProcessEnv;
  home?: string;
}

export interface GatewayPaths {
  profile: string | undefined;
  stateDir: string;
  configPath: string;
  logDir: string;
  logFile: string;
  workspaceDir: string;
  databasePath: string;
  credentialsDir: string;
  /** The port this profile uses when nothing else says (18789, dev 19001). */
  defaultPort: number;
}

export const DEFAULT_PORT = 18789;
export const DEV_PORT = 19001;

const PROFILE_NAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;

export function isValidProfileName(name: string): boolean {
  return PROFILE_NAME.test(name) && name !== 'dev';
}

export function resolvePaths(options: ProfileOptions = {}): GatewayPaths {
  const env = options.env ?? process.env;
  const home = options.home ?? env.HOME ?? os.homedir();
  const profile = options.dev ? 'dev' : options.profile;
  const suffix = profile ? `-${profile}` : '';
  const stateDir = env.CLAWDBOT_STATE_DIR
    ? path.resolve(env.CLAWDBOT_STATE_DIR)
    : path.join(home, `.clawdbot${suffix}`);
  const configPath = env.CLAWDBOT_CONFIG_PATH
    ? path.resolve(env.CLAWDBOT_CONFIG_PATH)
    : path.join(stateDir, 'moltbot.json');
  const logDir = path.join(stateDir, 'logs');
  return {
    profile,
    stateDir,
    configPath,
    logDir,
    logFile: path.join(logDir, 'gateway.log'),
    workspaceDir: path.join(home, profile === 'dev' ? 'clawd-dev' : `clawd${suffix}`),
    // In its own folder: the config watcher watches the state dir, and SQLite writes there would wake it.
    databasePath: path.join(stateDir, 'store', 'moltbot.sqlite'),
    credentialsDir: path.join(stateDir, 'credentials'),
    defaultPort: profile === 'dev' ? DEV_PORT : DEFAULT_PORT,
  };
}

/** Ports derived from the base port B (PROTOCOL.md "Other ports"). */
export function derivedPorts(base: number) {
  return {
    gateway: base,
    browserControl: base + 2,
    extensionRelay: base + 3,
    canvasHost: base + 4,
    cdpRangeStart: base + 11,
  };
}
