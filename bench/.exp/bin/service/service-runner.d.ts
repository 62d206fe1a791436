export interface RunResult {
    code: number;
    stdout: string;
    stderr: string;
}
/**
 * The ONE place that runs service managers (systemctl, launchctl, loginctl). With
 * `MOLTBOT_SERVICE_RUNNER_LOG=<file>` it records each command line as a JSON line
 * `{"cmd":"systemctl","args":[…]}` and succeeds without running anything — tests and
 * `--dry-run`-style audits observe exactly what would run.
 */
export declare function runServiceCommand(cmd: string, args: readonly string[], env?: NodeJS.ProcessEnv): RunResult;
/** A command line as a user would type it, for --dry-run output and messages. */
export declare function formatCommand(cmd: string, args: readonly string[]): string;
