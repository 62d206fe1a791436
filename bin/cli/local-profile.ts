import { type BootSettings, resolveBootSettings } from '../../kernel/boot-settings.js';
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
  portSource: BootSettings['portSource'];
  bind: string;
  /** `gateway.tls.enabled`: the gateway answers wss:// only. */
  tls: boolean;
  authMode: 'token' | 'password';
  token?: string;
  password?: string;
  /** What would stop the gateway from starting with these settings (bad port, bind, TLS, auth). */
  problems: string[];
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
  // The gateway's own rules, lenient: a broken setting is reported, not thrown, so status and
  // doctor can still say where the gateway would be and what is wrong.
  const settings = resolveBootSettings({ config, env, paths }, { lenient: true });
  const auth = ((config as KernelConfig).gateway?.auth ?? {}) as NonNullable<
    NonNullable<KernelConfig['gateway']>['auth']
  >;
  return {
    paths,
    snapshot,
    readError,
    config,
    port: settings.port,
    portSource: settings.portSource,
    bind: settings.bind,
    tls: settings.tls.enabled,
    authMode: settings.authMode,
    token: auth.token,
    password: auth.password,
    problems: settings.problems,
  };
}

/** The host a local client dials for a bind setting: loopback for wildcard binds, the address itself otherwise. */
export function dialHost(bind: string): string {
  if (['loopback', 'auto', 'localhost', 'lan', 'all', '0.0.0.0', '::', 'tailnet'].includes(bind)) return '127.0.0.1';
  return bind.includes(':') ? `[${bind}]` : bind;
}
