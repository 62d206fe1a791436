import { type ExitCodeValue } from './exit-codes.js';
/**
 * The CLI's error registry: each code has the exit code it ends the process with.
 * docs/cli.md lists every code; bin/cli/cli-error.test.ts keeps the two in step.
 */
export declare const CLI_ERRORS: {
    readonly GW_ERR_CLI_USAGE: 2;
    readonly GW_ERR_CLI_INVALID_VALUE: 2;
    readonly GW_ERR_CLI_CONFIG_INVALID: 2;
    readonly GW_ERR_CLI_CONFIG_MISSING: 1;
    readonly GW_ERR_CLI_UNREACHABLE: 4;
    readonly GW_ERR_CLI_AUTH: 5;
    readonly GW_ERR_CLI_TIMEOUT: 6;
    readonly GW_ERR_CLI_METHOD_UNAVAILABLE: 7;
    readonly GW_ERR_CLI_REQUEST_FAILED: 1;
    readonly GW_ERR_CLI_SERVICE: 1;
    /** An unexpected failure: a bug. */
    readonly GW_ERR_CLI_INTERNAL: 1;
    readonly GW_ERR_CLI_NOT_RUNNING: 4;
};
export type CliErrorCode = keyof typeof CLI_ERRORS;
export declare class CliError extends Error {
    readonly code: CliErrorCode;
    readonly exitCode: ExitCodeValue;
    constructor(code: CliErrorCode, message: string, options?: {
        cause?: unknown;
        details?: unknown;
    });
    readonly details?: unknown;
}
