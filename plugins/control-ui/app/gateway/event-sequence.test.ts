import { describe, expect, it } from 'vitest';
import { EventSequence } from './event-sequence.js';
import { reconnectDelayMs } from './reconnect-backoff.js';

describe('EventSequence (gap detection on broadcast seq)', () => {
  it('flags a jump, not the first event, not an event without seq, not a repeat', () => {
    const s = new EventSequence();
    expect(s.observe(5)).toBe(false);
    expect(s.observe(6)).toBe(false);
    expect(s.observe(undefined)).toBe(false);
    expect(s.observe(6)).toBe(false);
    expect(s.observe(9)).toBe(true);
    expect(s.observe(10)).toBe(false);
    s.reset();
    expect(s.observe(1)).toBe(false);
  });
});

describe('reconnectDelayMs', () => {
  it('doubles from 0.5 s to a 15 s ceiling, within ±20 % jitter', () => {
    expect(reconnectDelayMs(0, () => 0.5)).toBe(500);
    expect(reconnectDelayMs(3, () => 0.5)).toBe(4000);
    expect(reconnectDelayMs(20, () => 0.5)).toBe(15_000);
    expect(reconnectDelayMs(1, () => 0)).toBe(800);
    expect(reconnectDelayMs(1, () => 1)).toBe(1200);
  });
});
