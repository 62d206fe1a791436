import { ExitCode, type ExitCodeValue } from './exit-codes.js';

/**
 * The CLI's error registry: each code has the exit code it ends the process with.
 * docs/cli.md lists every code; bin/cli/cli-error.test.ts keeps the two in step.
 */
export const CLI_ERRORS = {
  GW_ERR_CLI_USAGE: ExitCode.usage,
  GW_ERR_CLI_INVALID_VALUE: ExitCode.usage,
  GW_ERR_CLI_CONFIG_INVALID: ExitCode.usage,
  GW_ERR_CLI_CONFIG_MISSING: ExitCode.failure,
  GW_ERR_CLI_UNREACHABLE: ExitCode.unreachable,
  GW_ERR_CLI_AUTH: ExitCode.auth,
  /** This device waits for an operator's approval (pairing) and no secret was given. */
  GW_ERR_CLI_NOT_PAIRED: ExitCode.auth,
  GW_ERR_CLI_TIMEOUT: ExitCode.timeout,
  GW_ERR_CLI_METHOD_UNAVAILABLE: ExitCode.unavailable,
  GW_ERR_CLI_REQUEST_FAILED: ExitCode.failure,
  GW_ERR_CLI_SERVICE: ExitCode.failure,
  /** An unexpected failure: a bug. */
  GW_ERR_CLI_INTERNAL: ExitCode.failure,
  GW_ERR_CLI_NOT_RUNNING: ExitCode.unreachable,
  /** `setup`: a model provider's key or a Telegram token did not pass its check. */
  GW_ERR_CLI_CHECK_FAILED: ExitCode.failure,
  /** `setup`: Ctrl-C in a prompt, or a change to existing settings not confirmed (--yes). */
  GW_ERR_CLI_CANCELLED: ExitCode.failure,
} as const satisfies Record<string, ExitCodeValue>;

export type CliErrorCode = keyof typeof CLI_ERRORS;

export class CliError extends Error {
  readonly exitCode: ExitCodeValue;
  readonly details?: unknown;

  constructor(
    readonly code: CliErrorCode,
    message: string,
    options: { cause?: unknown; details?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'CliError';
    this.exitCode = CLI_ERRORS[code];
    this.details = options.details;
  }
}
