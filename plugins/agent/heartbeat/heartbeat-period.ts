const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** A heartbeat period: `"30m"`, `"1h"`, `"45s"`, `"1.5h"`; a bare number is minutes. */
export const PERIOD_PATTERN = '^\\s*\\d+(\\.\\d+)?\\s*(ms|s|m|h|d)?\\s*$';

/** Milliseconds of a period string (0 = off). Assumes PERIOD_PATTERN already matched. */
export function periodMs(raw: string | undefined): number {
  if (raw === undefined) return 0;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(raw);
  if (!m) return 0;
  return Math.round(Number(m[1]) * UNIT_MS[m[2] ?? 'm']!);
}
