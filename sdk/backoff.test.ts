import { describe, expect, it } from 'vitest';
import { abortableSleep, backoff } from './backoff.js';

describe('backoff', () => {
  it('doubles from baseMs, caps at maxMs, and jitters over the upper half of the step', () => {
    const at = (attempt: number, r: number) => backoff(attempt, { baseMs: 1000, maxMs: 60_000, random: () => r });
    expect([at(1, 0), at(1, 1)]).toEqual([500, 1000]);
    expect(at(4, 1)).toBe(8000);
    expect(at(30, 1)).toBe(60_000);
    expect(at(30, 0)).toBe(30_000);
    expect(at(0, 1)).toBe(1000); // attempt 0 is treated as the first
  });
});

describe('abortableSleep', () => {
  it('resolves true when the time passed, false at once when aborted (before or during)', async () => {
    expect(await abortableSleep(5)).toBe(true);
    const ac = new AbortController();
    const started = Date.now();
    const sleeping = abortableSleep(10_000, ac.signal);
    ac.abort();
    expect(await sleeping).toBe(false);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(await abortableSleep(10_000, ac.signal)).toBe(false);
  });
});
