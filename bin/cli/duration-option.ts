import { CliError } from './cli-error.js';

/** `--timeout` values: `10000` (ms), `500ms`, `10s`, `2m`. */
export function parseDuration(raw: string, flag: string): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw.trim());
  if (!m)
    throw new CliError(
      'GW_ERR_CLI_INVALID_VALUE',
      `${flag} "${raw}" is not a duration: use milliseconds (10000) or a unit (500ms, 10s, 2m)`,
    );
  const n = Number(m[1]);
  const ms = m[2] === 's' ? n * 1000 : m[2] === 'm' ? n * 60_000 : n;
  if (ms < 1 || ms > 3_600_000)
    throw new CliError('GW_ERR_CLI_INVALID_VALUE', `${flag} ${raw} is out of range: use 1 ms to 1 hour`);
  return Math.round(ms);
}
