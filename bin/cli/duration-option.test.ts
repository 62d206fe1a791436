import { expect, it, describe as suite } from 'vitest';
import { describe, parseDuration } from './duration-option.js';

suite('parseDuration', () => {
  it('reads ms and units', () => {
    expect(parseDuration('10000', '--timeout')).toBe(10_000);
    expect(parseDuration('500ms', '--timeout')).toBe(500);
    expect(parseDuration('2m', '--timeout')).toBe(120_000);
    expect(parseDuration('1.5h', '--every', { minMs: 1000, maxMs: 86_400_000 })).toBe(5_400_000);
    expect(parseDuration('1d', '--every', { minMs: 1000, maxMs: 86_400_000 })).toBe(86_400_000);
  });

  it('refuses what is not one, or out of range, naming the flag', () => {
    expect(() => parseDuration('soon', '--every')).toThrow(/--every "soon" is not a duration/);
    expect(() => parseDuration('2h', '--timeout')).toThrow(/--timeout 2h is out of range: use 1 ms to 1h/);
  });

  it('describes durations shortly', () => {
    expect(describe(600_000)).toBe('10m');
    expect(describe(90_000)).toBe('1.5m');
    expect(describe(250)).toBe('250 ms');
  });
});
