import crypto from 'node:crypto';
import { Option } from 'clipanion';
import { GatewayClient } from '../client/gateway-client.js';
import { packageVersion } from '../package-version.js';
import { CliError } from './cli-error.js';
import { MoltbotCommand } from './base-command.js';
import { parseDuration } from './duration-option.js';
import { dialHost, readLocalProfile } from './local-profile.js';
import { withProgress } from './progress.js';
/**
 * Base of commands that talk to a running gateway. The options are spelled here once:
 * `--url`, `--token`, `--password`, `--timeout`, `--json`. The client is a real protocol
 * client (same handshake as any other), identified as `cli`/`cli`.
 */
export class GatewayCommand extends MoltbotCommand {
    url = Option.String('--url', { description: 'Gateway WebSocket URL (default ws://127.0.0.1:<profile port>)' });
    token = Option.String('--token', { description: 'Gateway token (default: CLAWDBOT_GATEWAY_TOKEN, then gateway.auth.token from the config)' });
    password = Option.String('--password', { description: 'Gateway password (default: CLAWDBOT_GATEWAY_PASSWORD, then gateway.auth.password)' });
    timeout = Option.String('--timeout', { description: 'Connect and answer deadline: ms or 500ms/10s/2m (default 10s)' });
    json = Option.Boolean('--json', false, { description: 'Print machine-readable JSON on stdout' });
    wantsJson() {
        return this.json;
    }
    timeoutMs(fallback = 10_000) {
        return this.timeout === undefined ? fallback : parseDuration(this.timeout, '--timeout');
    }
    localProfile() {
        return readLocalProfile(this.gatewayPaths());
    }
    /** URL and secret, by precedence: flag > environment > the profile's config file. */
    target(local = this.localProfile()) {
        const env = process.env;
        let url = this.url;
        if (url !== undefined && !/^wss?:\/\/[^\s/]+/.test(url)) {
            throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--url "${url}" is not a WebSocket URL: use ws://host:port (or wss://)`);
        }
        const source = url ? 'flag' : 'profile';
        url ??= `ws://${dialHost(local.bind)}:${local.port}`;
        const password = this.password ?? env.CLAWDBOT_GATEWAY_PASSWORD ?? (this.url ? undefined : local.password);
        const token = this.token ?? env.CLAWDBOT_GATEWAY_TOKEN ?? (this.url ? undefined : local.token);
        return { url, token, password, source };
    }
    async connect(target = this.target()) {
        const timeoutMs = this.timeoutMs();
        return withProgress(this.context.stderr, `Connecting to ${target.url}…`, () => GatewayClient.connect({
            url: target.url,
            token: target.token,
            password: target.password,
            clientId: 'cli',
            clientMode: 'cli',
            version: packageVersion(),
            instanceId: crypto.randomUUID(),
            timeoutMs,
        }));
    }
    /** Connect, run one request, close. */
    async call(method, params, timeoutMs = this.timeoutMs()) {
        const client = await this.connect();
        try {
            return await client.request(method, params, { timeoutMs });
        }
        finally {
            client.close();
        }
    }
    /** `--json` → the payload as JSON; otherwise the human rendering. */
    emit(payload, human) {
        if (this.json)
            this.printJson(payload);
        else
            human();
    }
}
//# sourceMappingURL=gateway-command.js.map