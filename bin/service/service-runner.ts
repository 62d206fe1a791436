import { spawnSync } from 'node:child_process';
import fs from 'node:fs';

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
export function runServiceCommand(
  cmd: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): RunResult {
  const log = env.MOLTBOT_SERVICE_RUNNER_LOG;
  if (log) {
    fs.appendFileSync(log, `${JSON.stringify({ cmd, args })}\n`, { mode: 0o600 });
    return { code: 0, stdout: '', stderr: '' };
  }
  const r = spawnSync(cmd, [...args], { encoding: 'utf8', timeout: 60_000, env });
  if (r.error) {
    const code = (r.error as NodeJS.ErrnoException).code;
    return { code: 127, stdout: '', stderr: code === 'ENOENT' ? `${cmd} not found on PATH` : r.error.message };
  }
  return { code: r.status ?? 1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

/** A command line as a user would type it, for --dry-run output and messages. */
export function formatCommand(cmd: string, args: readonly string[]): string {
  return [cmd, ...args].map((a) => (/^[\w@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
