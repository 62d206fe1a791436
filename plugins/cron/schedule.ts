import { Cron } from 'croner';
import type { Schedule } from './job-types.js';

/**
 * When a schedule fires. Pure functions of the schedule and a point in time, so the scheduler,
 * catch-up and the tests share one definition. Times are epoch milliseconds.
 */

const ISO_AT =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

/** An ISO 8601 instant; without an offset it is UTC. NaN when it is not one. */
export function parseAt(at: string): number {
  const m = ISO_AT.exec(at.trim());
  if (!m) return Number.NaN;
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone] = m;
  const ms = Number(`0.${frac || '0'}`) * 1000;
  let offsetMin = 0;
  if (zone && zone.toUpperCase() !== 'Z') {
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    offsetMin = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
  }
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.round(ms));
  const check = new Date(utc);
  // Date.UTC rolls 2026-02-30 over into March: refuse what does not exist.
  if (
    check.getUTCFullYear() !== Number(y) ||
    check.getUTCMonth() !== Number(mo) - 1 ||
    check.getUTCDate() !== Number(d) ||
    Number(h) > 23 ||
    Number(mi) > 59 ||
    Number(s) > 59
  )
    return Number.NaN;
  return utc - offsetMin * 60_000;
}

/** Compiled cron patterns, reused (1,000 jobs with one expression compile it once). */
const patterns = new Map<string, Cron>();
const MAX_PATTERNS = 5000;

export function cronPattern(expr: string, tz: string | undefined): Cron {
  const key = `${tz ?? ''}\u0000${expr}`;
  let c = patterns.get(key);
  if (!c) {
    c = new Cron(expr, { paused: true, ...(tz ? { timezone: tz } : {}) });
    if (patterns.size >= MAX_PATTERNS) patterns.delete(patterns.keys().next().value!);
    patterns.set(key, c);
  }
  return c;
}

/** The first slot strictly after `afterMs`; undefined when there is none (an `at` that passed). */
export function nextSlotAfter(schedule: Schedule, afterMs: number, createdAtMs: number): number | undefined {
  switch (schedule.kind) {
    case 'at': {
      const t = parseAt(schedule.at);
      return t > afterMs ? t : undefined;
    }
    case 'every': {
      const anchor = schedule.anchorMs ?? createdAtMs;
      if (afterMs < anchor) return anchor;
      return anchor + (Math.floor((afterMs - anchor) / schedule.everyMs) + 1) * schedule.everyMs;
    }
    case 'cron':
      return cronPattern(schedule.expr, schedule.tz).nextRun(new Date(afterMs))?.getTime();
  }
}

/** Slots in (fromMs, toMs], counted up to `cap` (how many runs downtime or a stall left out). */
export function slotsBetween(schedule: Schedule, fromMs: number, toMs: number, createdAtMs: number, cap = 10_000) {
  if (toMs <= fromMs) return 0;
  if (schedule.kind === 'every') {
    const anchor = schedule.anchorMs ?? createdAtMs;
    const index = (t: number) => (t < anchor ? -1 : Math.floor((t - anchor) / schedule.everyMs));
    return Math.min(cap, index(toMs) - index(fromMs));
  }
  let n = 0;
  let t = fromMs;
  while (n < cap) {
    const next = nextSlotAfter(schedule, t, createdAtMs);
    if (next === undefined || next > toMs) break;
    n++;
    t = next;
  }
  return n;
}
