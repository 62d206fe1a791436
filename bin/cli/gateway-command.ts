import crypto from 'node:crypto';
import { Option } from 'clipanion';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { packageVersion } from '../package-version.js';
import { MoltbotCommand } from './base-command.js';
import { CliError } from './cli-error.js';
import type { DeviceIdentity, SignedConnect } from './device-identity.js';
import type { DeviceTokenStore } from './device-token-store.js';
import { parseDuration } from './duration-option.js';
import { dialHost, type LocalProfile, readLocalProfile } from './local-profile.js';
import { withProgress } from './progress.js';

export interface GatewayTarget {
  url: string;
  token?: string;
  password?: string;
  /** Where the URL came from, for messages. */
  source: 'flag' | 'profile';
  /** A secret given on purpose (--token/--password or the environment) is sent as given. */
  explicitSecret: boolean;
}

/**
 * Base of commands that talk to a running gateway. The options are spelled here once:
 * `--url`, `--token`, `--password`, `--timeout`, `--json`. The client is a real protocol
 * client (same handshake as any other), identified as `cli`/`cli`.
 */
export abstract class GatewayCommand extends MoltbotCommand {
  url = Option.String('--url', { description: 'Gateway WebSocket URL (default ws://127.0.0.1:<profile port>)' });
  token = Option.String('--token', {
    description: 'Gateway token (default: CLAWDBOT_GATEWAY_TOKEN, then gateway.auth.token from the config)',
  });
  password = Option.String('--password', {
    description: 'Gateway password (default: CLAWDBOT_GATEWAY_PASSWORD, then gateway.auth.password)',
  });
  timeout = Option.String('--timeout', {
    description: 'Connect and answer deadline: ms or 500ms/10s/2m (default 10s)',
  });
  json = Option.Boolean('--json', false, { description: 'Print machine-readable JSON on stdout' });

  override wantsJson(): boolean {
    return this.json;
  }

  timeoutMs(fallback = 10_000): number {
    return this.timeout === undefined ? fallback : parseDuration(this.timeout, '--timeout');
  }

  localProfile(): LocalProfile {
    return readLocalProfile(this.gatewayPaths());
  }

  /** URL and secret, by precedence: flag > environment > the profile's config file. */
  target(local = this.localProfile()): GatewayTarget {
    const env = process.env;
    let url = this.url;
    if (url !== undefined && !/^wss?:\/\/[^\s/]+/.test(url)) {
      throw new CliError(
        'GW_ERR_CLI_INVALID_VALUE',
        `--url "${url}" is not a WebSocket URL: use ws://host:port (or wss://)`,
      );
    }
    const source = url ? 'flag' : 'profile';
    url ??= `${local.tls ? 'wss' : 'ws'}://${dialHost(local.bind)}:${local.port}`;
    const password = this.password ?? env.CLAWDBOT_GATEWAY_PASSWORD ?? (this.url ? undefined : local.password);
    const token = this.token ?? env.CLAWDBOT_GATEWAY_TOKEN ?? (this.url ? undefined : local.token);
    const explicitSecret = Boolean(
      this.token ?? this.password ?? env.CLAWDBOT_GATEWAY_TOKEN ?? env.CLAWDBOT_GATEWAY_PASSWORD,
    );
    return { url, token, password, source, explicitSecret };
  }

  /**
   * Connect as this machine's device (identity/device.json, created on first use): the
   * challenge is signed, and once a gateway issued a device token it is sent instead of the
   * shared secret from the config file, as the existing Moltbot CLI does (a secret given with
   * --token/--password or the environment is sent as given). A device token is checked first and has a
   * failure budget of its own, so guesses from other local processes never lock this CLI out.
   * A token the gateway no longer accepts (revoked) is dropped and the shared secret used once.
   */
  async connect(target = this.target()): Promise<GatewayClient> {
    const timeoutMs = this.timeoutMs();
    const [{ GatewayClient, GatewayConnectError }, device] = await Promise.all([
      import('../../sdk/client/gateway-client.js'),
      this.deviceIdentity(),
    ]);
    const attempt = (token: string | undefined, sign = device !== undefined) =>
      withProgress(
        this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
        `Connecting to ${target.url}…`,
        () =>
          GatewayClient.connect({
            url: target.url,
            token,
            password: target.password,
            clientId: 'cli',
            clientMode: 'cli',
            version: packageVersion(),
            instanceId: crypto.randomUUID(),
            timeoutMs,
            ...(device && sign ? { signDevice: (f) => device.sign(f) } : {}),
          }),
      );
    const stored = target.explicitSecret ? undefined : device?.tokens.get(target.url, 'operator');
    let client: GatewayClient;
    try {
      client = await attempt(stored ?? target.token);
    } catch (err) {
      const code = err instanceof GatewayConnectError ? err.error?.code : undefined;
      // This machine's device waits for approval (gateway.pairing.autoApproveWithSecret: false): a
      // plain client with the secret still gets in, so the CLI can approve devices, itself included.
      if (code === 'NOT_PAIRED' && (target.token || target.password)) {
        client = await attempt(target.token, false);
      } else {
        if (!stored || code !== 'UNAUTHORIZED' || (!target.token && !target.password)) throw err;
        device!.tokens.delete(target.url, 'operator');
        client = await attempt(target.token);
      }
    }
    const issued = client.hello?.auth as { deviceToken?: string; scopes?: string[] } | undefined;
    if (device && issued?.deviceToken && issued.deviceToken !== stored) {
      device.tokens.set(target.url, 'operator', issued.deviceToken, issued.scopes ?? []);
    }
    return client;
  }

  /** The device identity and its token store; undefined when the state dir cannot hold them. */
  private async deviceIdentity(): Promise<
    { sign: (f: SignedConnect) => Record<string, unknown>; tokens: DeviceTokenStore } | undefined
  > {
    const { loadOrCreateDeviceIdentity, signConnect } = await import('./device-identity.js');
    const { DeviceTokenStore } = await import('./device-token-store.js');
    const stateDir = this.gatewayPaths().stateDir;
    let identity: DeviceIdentity;
    try {
      identity = loadOrCreateDeviceIdentity(stateDir);
    } catch (err) {
      if (err instanceof CliError) throw err;
      // A read-only or foreign state dir: connect with the shared secret alone, as before.
      return undefined;
    }
    return { sign: (f) => signConnect(identity, f), tokens: new DeviceTokenStore(stateDir, identity.deviceId) };
  }

  /** Connect, run one request, close. */
  async call<T = any>(method: string, params?: unknown, timeoutMs = this.timeoutMs()): Promise<T> {
    const client = await this.connect();
    try {
      return await client.request<T>(method, params, { timeoutMs });
    } finally {
      client.close();
    }
  }

  /** `--json` → the payload as JSON; otherwise the human rendering. */
  emit(payload: unknown, human: () => void): void {
    if (this.json) this.printJson(payload);
    else human();
  }
}
