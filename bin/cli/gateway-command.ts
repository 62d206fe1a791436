import crypto from 'node:crypto';
import { Option } from 'clipanion';
import type { GatewayClient } from '../client/gateway-client.js';
import { packageVersion } from '../package-version.js';
import { MoltbotCommand } from './base-command.js';
import { CliError } from './cli-error.js';
import { parseDuration } from './duration-option.js';
import { dialHost, type LocalProfile, readLocalProfile } from './local-profile.js';
import { withProgress } from './progress.js';

export interface GatewayTarget {
  url: string;
  token?: string;
  password?: string;
  /** Where the URL came from, for messages. */
  source: 'flag' | 'profile';
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
    return { url, token, password, source };
  }

  async connect(target = this.target()): Promise<GatewayClient> {
    const timeoutMs = this.timeoutMs();
    const { GatewayClient } = await import('../client/gateway-client.js');
    return withProgress(
      this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
      `Connecting to ${target.url}…`,
      () =>
        GatewayClient.connect({
          url: target.url,
          token: target.token,
          password: target.password,
          clientId: 'cli',
          clientMode: 'cli',
          version: packageVersion(),
          instanceId: crypto.randomUUID(),
          timeoutMs,
        }),
    );
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
