import { type ConfigSnapshot, readConfigFile } from '../../kernel/config/config-file.js';
import type { KernelConfig } from '../../kernel/config/kernel-schema.js';
import type { GatewayPaths } from '../../kernel/paths.js';

/**
 * What this machine knows about a profile without asking the gateway: the config file (or
 * why it cannot be read), the port and bind it would use, and the secret a client should send.
 */
export interface LocalProfile {
  paths: GatewayPaths;
  snapshot?: ConfigSnapshot;
  /** Why the config could not be read (parse error), if so. */
  readError?: string;
  config: Record<string, unknown>;
  port: number;
  portSource: 'env' | 'config' | 'default';
  bind: string;
  authMode: 'token' | 'password';
  token?: string;
  password?: string;
}

export function readLocalProfile(paths: GatewayPaths, env: NodeJS.ProcessEnv = process.env): LocalProfile {
  let snapshot: ConfigSnapshot | undefined;
  let readError: string | undefined;
  try {
    snapshot = readConfigFile(paths.configPath);
  } catch (err) {
    readError = (err as Error).message;
  }
  const config = snapshot?.config ?? {};
  const gw = ((config as KernelConfig).gateway ?? {}) as NonNullable<KernelConfig['gateway']>;
  const envPort = Number(env.CLAWDBOT_GATEWAY_PORT);
  const hasEnvPort =
    env.CLAWDBOT_GATEWAY_PORT !== undefined &&
    env.CLAWDBOT_GATEWAY_PORT !== '' &&
    Number.isInteger(envPort) &&
    envPort > 0 &&
    envPort < 65536;
  const port = hasEnvPort ? envPort : typeof gw.port === 'number' ? gw.port : paths.defaultPort;
  const portSource = hasEnvPort ? 'env' : typeof gw.port === 'number' ? 'config' : 'default';
  const auth = gw.auth ?? {};
  const authMode = auth.mode ?? (!auth.token && auth.password ? 'password' : 'token');
  return {
    paths,
    snapshot,
    readError,
    config,
    port,
    portSource,
    bind: typeof gw.bind === 'string' ? gw.bind : 'loopback',
    authMode,
    token: auth.token,
    password: auth.password,
  };
}

/** The host a local client dials for a bind setting: loopback for wildcard binds, the address itself otherwise. */
export function dialHost(bind: string): string {
  if (['loopback', 'auto', 'localhost', 'lan', 'all', '0.0.0.0', '::', 'tailnet'].includes(bind)) return '127.0.0.1';
  return bind.includes(':') ? `[${bind}]` : bind;
}
