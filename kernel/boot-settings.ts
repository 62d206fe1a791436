import fs from 'node:fs';
import type { Logger } from 'pino';
import { type AuthMode, generateToken, type ResolvedAuth, resolveAuth } from './auth/shared-secret.js';
import { isLoopbackBind, resolveBindHost } from './bind-address.js';
import { type RawConfig, serializeConfig, writeFileAtomic } from './config/config-file.js';
import type { KernelConfig } from './config/kernel-schema.js';
import { setPath } from './config/object-path.js';
import { kernelError } from './errors.js';
import type { GatewayPaths } from './paths.js';

/**
 * Where the gateway listens and how it authenticates, decided once from the command line, the
 * environment and the config — the same rules for the gateway (which refuses what is wrong) and
 * for the CLI (which must still say something useful about a broken profile: `lenient`). Every
 * CLI command reads these, so this module keeps its imports light (no schema compiler).
 *
 * Precedence: port `--port` > `CLAWDBOT_GATEWAY_PORT` > `gateway.port` > the profile's default;
 * bind `--bind` > `gateway.bind` > `loopback`; secret `--token` > `CLAWDBOT_GATEWAY_TOKEN` /
 * `CLAWDBOT_GATEWAY_PASSWORD` > `gateway.auth.token` / `gateway.auth.password`.
 */
export interface BootSettings {
  port: number;
  portSource: 'flag' | 'env' | 'config' | 'default';
  /** The bind setting as given (`loopback`, `lan`, `tailnet`, `auto` or an IP). */
  bind: string;
  /** The address to listen on. Lenient mode leaves it unset when it cannot be resolved. */
  bindHost?: string;
  /** The secret clients must present; unset when none is configured (the gateway then generates one). */
  auth?: ResolvedAuth;
  authMode: AuthMode;
  tls: { enabled: boolean; certPath?: string; keyPath?: string };
  /** Lenient mode: what would stop the gateway, in words (strict mode throws instead). */
  problems: string[];
}

export interface BootFlags {
  port?: number;
  bind?: string;
  token?: string;
}

export interface BootInputs {
  config: RawConfig;
  env: NodeJS.ProcessEnv;
  paths: Pick<GatewayPaths, 'defaultPort'>;
  flags?: BootFlags;
}

export interface BootOptions {
  /** Record problems instead of throwing, and read an unvalidated config defensively (the CLI). */
  lenient?: boolean;
}

export function resolveBootSettings(inputs: BootInputs, options: BootOptions = {}): BootSettings {
  const problems: string[] = [];
  const fail = (err: Error) => {
    if (!options.lenient) throw err;
    problems.push(err.message);
  };
  const flags = inputs.flags ?? {};
  const gw = ((inputs.config as KernelConfig).gateway ?? {}) as NonNullable<KernelConfig['gateway']>;

  let envPort: number | undefined;
  try {
    envPort = portFromEnv(inputs.env);
  } catch (err) {
    fail(err as Error);
  }
  const configPort = typeof gw.port === 'number' ? gw.port : undefined;
  const [port, portSource] =
    flags.port !== undefined
      ? [flags.port, 'flag' as const]
      : envPort !== undefined
        ? [envPort, 'env' as const]
        : configPort !== undefined
          ? [configPort, 'config' as const]
          : [inputs.paths.defaultPort, 'default' as const];

  const bind = flags.bind ?? (typeof gw.bind === 'string' ? gw.bind : 'loopback');
  let bindHost: string | undefined;
  try {
    bindHost = resolveBindHost(bind);
  } catch (err) {
    fail(err as Error);
  }

  const authConfig = gw.auth && typeof gw.auth === 'object' ? gw.auth : undefined;
  const auth = resolveAuth({ flagToken: flags.token, env: inputs.env, config: authConfig });
  const authMode =
    auth?.mode ?? authConfig?.mode ?? (!authConfig?.token && authConfig?.password ? 'password' : 'token');
  if (!auth && bindHost && !isLoopbackBind(bindHost))
    fail(
      kernelError(
        'GW_ERR_BIND_INSECURE',
        `refusing to bind ${bindHost} without auth: set gateway.auth.token (or --token / ` +
          'CLAWDBOT_GATEWAY_TOKEN), or bind loopback',
      ),
    );

  const tls = { enabled: gw.tls?.enabled === true, certPath: gw.tls?.certPath, keyPath: gw.tls?.keyPath };
  if (tls.enabled && (!tls.certPath || !tls.keyPath))
    fail(
      kernelError(
        'GW_ERR_CONFIG_INVALID',
        'gateway.tls.enabled is true but gateway.tls.certPath and gateway.tls.keyPath are not both set (PEM files)',
      ),
    );
  return { port, portSource, bind, bindHost, auth, authMode, tls, problems };
}

/** `gateway.tls` → PEM buffers, or undefined when TLS is off. Throws naming an unreadable file. */
export function loadTls(tls: BootSettings['tls']): { cert: Buffer; key: Buffer } | undefined {
  if (!tls.enabled || !tls.certPath || !tls.keyPath) return undefined;
  const read = (file: string, key: string) => {
    try {
      return fs.readFileSync(file);
    } catch (err) {
      throw kernelError(
        'GW_ERR_CONFIG_INVALID',
        `gateway.tls.${key}: cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`,
      );
    }
  };
  return { cert: read(tls.certPath, 'certPath'), key: read(tls.keyPath, 'keyPath') };
}

/**
 * First start without a secret (loopback only; resolveBootSettings refused anything else):
 * generate a token and store it in the config file (0600). The log says where, never what; the
 * ready block (kernel/ready-block.ts) tells the person at the terminal.
 */
export function ensureGatewaySecret(
  settings: BootSettings,
  root: RawConfig,
  configPath: string,
  logger: Logger,
): { auth: ResolvedAuth; root: RawConfig } {
  if (settings.auth) return { auth: settings.auth, root };
  const authConfig = (root as KernelConfig).gateway?.auth;
  const token = generateToken();
  let next = setPath(root, 'gateway.auth.token', token);
  if (!authConfig?.mode) next = setPath(next, 'gateway.auth.mode', 'token');
  writeFileAtomic(configPath, serializeConfig(next));
  logger.info({ configPath }, 'no gateway secret was configured: generated a token into gateway.auth.token');
  const auth: ResolvedAuth = {
    mode: 'token',
    secret: token,
    source: 'generated',
    allowTailscale: authConfig?.allowTailscale === true,
  };
  return { auth, root: next };
}

function portFromEnv(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.CLAWDBOT_GATEWAY_PORT;
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 65535) {
    throw kernelError('GW_ERR_CONFIG_INVALID', `CLAWDBOT_GATEWAY_PORT="${raw}" is not a port number (1-65535)`);
  }
  return n;
}
