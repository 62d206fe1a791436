import { CliError } from './cli-error.js';

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * Durations on the command line: `10000` (ms), `500ms`, `10s`, `2m`, `1h`, `1d`, `1.5h`.
 * `range` bounds the result (default 1 ms to 1 hour, the range of a `--timeout`).
 */
export function parseDuration(
  raw: string,
  flag: string,
  range: { minMs: number; maxMs: number } = { minMs: 1, maxMs: 3_600_000 },
): number {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)?$/.exec(raw.trim());
  if (!m)
    throw new CliError(
      'GW_ERR_CLI_INVALID_VALUE',
      `${flag} "${raw}" is not a duration: use milliseconds (10000) or a unit (500ms, 10s, 2m, 1h, 1d)`,
    );
  const ms = Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'ms']!);
  if (ms < range.minMs || ms > range.maxMs)
    throw new CliError(
      'GW_ERR_CLI_INVALID_VALUE',
      `${flag} ${raw} is out of range: use ${describe(range.minMs)} to ${describe(range.maxMs)}`,
    );
  return ms;
}

/** `90000` → `1.5m`, `3600000` → `1h`: the largest unit that keeps it short. */
export function describe(ms: number): string {
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ] as const) {
    if (ms >= size) {
      const n = ms / size;
      return `${Number.isInteger(n) ? n : Number(n.toFixed(2))}${unit}`;
    }
  }
  return `${ms} ms`;
}
