import { UsageError } from 'clipanion';
import { cliCommand } from '../../kernel/cli-command.js';
import { GatewayError } from '../../kernel/errors.js';
import type { GatewayConnectError, GatewayRequestError } from '../../sdk/client/gateway-client.js';
import { ProfileCommand } from '../profile-options.js';
import { CliError } from './cli-error.js';
import { ExitCode } from './exit-codes.js';
import { colorsWanted, type TerminalStyle, terminalStyle } from './terminal-style.js';

/**
 * Base of every command except `gateway` itself: runs `run()`, turns any error into one clear
 * line on stderr (and a JSON error object on stdout with --json) and the exit code it maps to.
 */
export abstract class MoltbotCommand extends ProfileCommand {
  /** Overridden by commands that print data. */
  wantsJson(): boolean {
    return false;
  }

  // biome-ignore lint/suspicious/noConfusingVoidType: commands that always succeed return nothing
  abstract run(): Promise<number | void>;

  async execute(): Promise<number> {
    try {
      return (await this.run()) ?? ExitCode.ok;
    } catch (err) {
      return this.fail(err);
    }
  }

  get style(): TerminalStyle {
    return terminalStyle(colorsWanted(this.context.stdout as { isTTY?: boolean }));
  }

  get errStyle(): TerminalStyle {
    return terminalStyle(colorsWanted(this.context.stderr as { isTTY?: boolean }));
  }

  out(line = ''): void {
    this.context.stdout.write(`${line}\n`);
  }

  err(line: string): void {
    this.context.stderr.write(`${line}\n`);
  }

  printJson(value: unknown): void {
    this.context.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  protected fail(err: unknown): number {
    const { code, message, exitCode } = describeError(err, (args) => this.hint(args));
    if (this.wantsJson()) this.printJson({ ok: false, error: { code, message } });
    this.err(`${this.errStyle.red('error')} ${message}`);
    return exitCode;
  }
}

/** Builds a `moltbot …` command line for a hint (ProfileCommand.hint). */
export type HintBuilder = (args: string) => string;

export function describeError(
  err: unknown,
  hint: HintBuilder = (args) => cliCommand(args),
): { code: string; message: string; exitCode: number } {
  if (err instanceof CliError) return { code: err.code, message: err.message, exitCode: err.exitCode };
  if (err instanceof UsageError) return { code: 'GW_ERR_CLI_USAGE', message: err.message, exitCode: ExitCode.usage };
  // By name, not instanceof: the client (and ws) is loaded only by commands that connect.
  if (isNamed<GatewayConnectError>(err, 'GatewayConnectError')) return describeConnectError(err, hint);
  if (isNamed<GatewayRequestError>(err, 'GatewayRequestError')) return describeRequestError(err, hint);
  if (err instanceof GatewayError) {
    const usage = err.code === 'GW_ERR_CONFIG_PARSE' || err.code === 'GW_ERR_CONFIG_INVALID';
    return { code: err.code, message: err.message, exitCode: usage ? ExitCode.usage : ExitCode.failure };
  }
  return { code: 'GW_ERR_CLI_INTERNAL', message: (err as Error)?.message ?? String(err), exitCode: ExitCode.failure };
}

function isNamed<T extends Error>(err: unknown, name: string): err is T {
  return err instanceof Error && err.name === name;
}

function describeConnectError(
  err: GatewayConnectError,
  hint: HintBuilder,
): { code: string; message: string; exitCode: number } {
  // A device key the gateway does not know yet, with no secret beside it: a credential problem
  // (exit 5), not an unreachable gateway.
  if (err.error?.code === 'NOT_PAIRED') {
    return {
      code: 'GW_ERR_CLI_NOT_PAIRED',
      message:
        `${err.error.message}. Approve it from a client that is already paired, or pass the gateway secret with ` +
        '--token / --password (or CLAWDBOT_GATEWAY_TOKEN)',
      exitCode: ExitCode.auth,
    };
  }
  switch (err.kind) {
    case 'unreachable':
      return {
        code: 'GW_ERR_CLI_UNREACHABLE',
        message:
          `${err.message}. Is the gateway running? Start it with "${hint('gateway')}" (or ` +
          `"${hint('gateway start')}" for the service), or pass --url.`,
        exitCode: ExitCode.unreachable,
      };
    case 'auth': {
      const limited = err.error?.code === 'RATE_LIMITED';
      const fix = limited
        ? `too many failed attempts: wait ${Math.ceil((err.error?.retryAfterMs ?? 60_000) / 1000)} s and retry with ` +
          'the right token'
        : 'pass the right secret with --token / --password, set CLAWDBOT_GATEWAY_TOKEN, or check gateway.auth.token ' +
          `in the config (${hint('config get gateway.auth.token --show-secrets')})`;
      return {
        code: 'GW_ERR_CLI_AUTH',
        message: `the gateway refused our credentials (${err.error?.code}: ${err.error?.message}): ${fix}`,
        exitCode: ExitCode.auth,
      };
    }
    case 'timeout':
      return {
        code: 'GW_ERR_CLI_TIMEOUT',
        message: `${err.message}: the gateway is not answering in time; raise --timeout or check "${hint('logs')}"`,
        exitCode: ExitCode.timeout,
      };
    default:
      return {
        code: 'GW_ERR_CLI_UNREACHABLE',
        message: `could not talk to the gateway: ${err.message}`,
        exitCode: ExitCode.unreachable,
      };
  }
}

function describeRequestError(
  err: GatewayRequestError,
  hint: HintBuilder,
): { code: string; message: string; exitCode: number } {
  const e = err.error;
  if (
    e.code === 'NOT_FOUND' &&
    (e.details?.errorCode === 'GW_ERR_METHOD_UNKNOWN' || /unknown method/i.test(e.message))
  ) {
    return {
      code: 'GW_ERR_CLI_METHOD_UNAVAILABLE',
      message:
        `the gateway does not offer "${err.method}" (${e.message}): enable the plugin that provides it (see ` +
        `docs/cli.md) and check "${hint('plugins list')}"`,
      exitCode: ExitCode.unavailable,
    };
  }
  if (e.code === 'UNAUTHORIZED' || e.code === 'FORBIDDEN')
    return { code: 'GW_ERR_CLI_AUTH', message: `${err.method}: ${e.code}: ${e.message}`, exitCode: ExitCode.auth };
  if (e.code === 'INVALID_REQUEST')
    return { code: 'GW_ERR_CLI_INVALID_VALUE', message: `${err.method}: ${e.message}`, exitCode: ExitCode.usage };
  return {
    code: 'GW_ERR_CLI_REQUEST_FAILED',
    message: `${err.method} failed: ${e.code}: ${e.message}`,
    exitCode: ExitCode.failure,
  };
}
