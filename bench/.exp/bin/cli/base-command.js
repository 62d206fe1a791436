import { UsageError } from 'clipanion';
import { GatewayConnectError, GatewayRequestError } from '../client/gateway-client.js';
import { GatewayError } from '../../kernel/errors.js';
import { ProfileCommand } from '../profile-options.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { colorsWanted, terminalStyle } from './terminal-style.js';
/**
 * Base of every command except `gateway` itself: runs `run()`, turns any error into one clear
 * line on stderr (and a JSON error object on stdout with --json) and the exit code it maps to.
 */
export class MoltbotCommand extends ProfileCommand {
    /** Overridden by commands that print data. */
    wantsJson() {
        return false;
    }
    async execute() {
        try {
            return (await this.run()) ?? ExitCode.ok;
        }
        catch (err) {
            return this.fail(err);
        }
    }
    get style() {
        return terminalStyle(colorsWanted(this.context.stdout));
    }
    get errStyle() {
        return terminalStyle(colorsWanted(this.context.stderr));
    }
    out(line = '') {
        this.context.stdout.write(`${line}\n`);
    }
    err(line) {
        this.context.stderr.write(`${line}\n`);
    }
    printJson(value) {
        this.context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    }
    fail(err) {
        const { code, message, exitCode } = describeError(err);
        if (this.wantsJson())
            this.printJson({ ok: false, error: { code, message } });
        this.err(`${this.errStyle.red('error')} ${message}`);
        return exitCode;
    }
}
export function describeError(err) {
    if (err instanceof CliError)
        return { code: err.code, message: err.message, exitCode: err.exitCode };
    if (err instanceof UsageError)
        return { code: 'GW_ERR_CLI_USAGE', message: err.message, exitCode: ExitCode.usage };
    if (err instanceof GatewayConnectError)
        return describeConnectError(err);
    if (err instanceof GatewayRequestError)
        return describeRequestError(err);
    if (err instanceof GatewayError) {
        const usage = err.code === 'GW_ERR_CONFIG_PARSE' || err.code === 'GW_ERR_CONFIG_INVALID';
        return { code: err.code, message: err.message, exitCode: usage ? ExitCode.usage : ExitCode.failure };
    }
    return { code: 'GW_ERR_CLI_INTERNAL', message: err?.message ?? String(err), exitCode: ExitCode.failure };
}
function describeConnectError(err) {
    switch (err.kind) {
        case 'unreachable':
            return { code: 'GW_ERR_CLI_UNREACHABLE', message: `${err.message}. Is the gateway running? Start it with "moltbot gateway" (or "moltbot gateway start" for the service), or pass --url.`, exitCode: ExitCode.unreachable };
        case 'auth': {
            const limited = err.error?.code === 'RATE_LIMITED';
            const hint = limited
                ? `too many failed attempts: wait ${Math.ceil((err.error?.retryAfterMs ?? 60_000) / 1000)} s and retry with the right token`
                : 'pass the right secret with --token / --password, set CLAWDBOT_GATEWAY_TOKEN, or check gateway.auth.token in the config (moltbot config get gateway.auth.token --show-secrets)';
            return { code: 'GW_ERR_CLI_AUTH', message: `the gateway refused our credentials (${err.error?.code}: ${err.error?.message}): ${hint}`, exitCode: ExitCode.auth };
        }
        case 'timeout':
            return { code: 'GW_ERR_CLI_TIMEOUT', message: `${err.message}: the gateway is not answering in time; raise --timeout or check "moltbot logs"`, exitCode: ExitCode.timeout };
        default:
            return { code: 'GW_ERR_CLI_UNREACHABLE', message: `could not talk to the gateway: ${err.message}`, exitCode: ExitCode.unreachable };
    }
}
function describeRequestError(err) {
    const e = err.error;
    if (e.code === 'NOT_FOUND' && (e.details?.errorCode === 'GW_ERR_METHOD_UNKNOWN' || /unknown method/i.test(e.message))) {
        return {
            code: 'GW_ERR_CLI_METHOD_UNAVAILABLE',
            message: `the gateway does not offer "${err.method}" (${e.message}): enable the plugin that provides it (see docs/cli.md) and check "moltbot plugins list"`,
            exitCode: ExitCode.unavailable,
        };
    }
    if (e.code === 'UNAUTHORIZED' || e.code === 'FORBIDDEN')
        return { code: 'GW_ERR_CLI_AUTH', message: `${err.method}: ${e.code}: ${e.message}`, exitCode: ExitCode.auth };
    if (e.code === 'INVALID_REQUEST')
        return { code: 'GW_ERR_CLI_INVALID_VALUE', message: `${err.method}: ${e.message}`, exitCode: ExitCode.usage };
    return { code: 'GW_ERR_CLI_REQUEST_FAILED', message: `${err.method} failed: ${e.code}: ${e.message}`, exitCode: ExitCode.failure };
}
//# sourceMappingURL=base-command.js.map