import { describe, expect, it } from 'vitest';
import { hookRetryDelayMs } from './hook-retry.js';

describe('hookRetryDelayMs', () => {
  it('doubles a ceiling of 2 s per failed attempt, never waits less than half of it, caps at 60 s', () => {
    const ceilings = [2_000, 4_000, 8_000, 16_000, 32_000, 60_000, 60_000];
    ceilings.forEach((ceiling, i) => {
      expect(
        hookRetryDelayMs(i + 1, () => 0),
        `attempt ${i + 1}`,
      ).toBe(ceiling / 2);
      expect(
        hookRetryDelayMs(i + 1, () => 1),
        `attempt ${i + 1}`,
      ).toBe(ceiling);
      expect(
        hookRetryDelayMs(i + 1, () => 0.5),
        `attempt ${i + 1}`,
      ).toBe((ceiling * 3) / 4);
    });
  });

  it('is jittered: delays drawn for the same attempt differ and stay within [ceiling/2, ceiling]', () => {
    for (const [attempt, ceiling] of [
      [1, 2_000],
      [3, 8_000],
    ] as const) {
      const delays = Array.from({ length: 200 }, () => hookRetryDelayMs(attempt));
      for (const d of delays) {
        expect(d).toBeGreaterThanOrEqual(ceiling / 2);
        expect(d).toBeLessThanOrEqual(ceiling);
      }
      // 200 draws from a continuous spread: far more than a handful of distinct values.
      expect(new Set(delays).size).toBeGreaterThan(50);
    }
  });
});
