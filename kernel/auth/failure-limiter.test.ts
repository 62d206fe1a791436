import { describe, expect, it } from 'vitest';
import { FailureLimiter } from './failure-limiter.js';

describe('FailureLimiter', () => {
  it('limits a key after maxFailures within the window and says how long to wait', () => {
    const l = new FailureLimiter(3, 60_000);
    expect(l.retryAfterMs('ip:1', 0)).toBe(0);
    l.recordFailure('ip:1', 0);
    l.recordFailure('ip:1', 1000);
    expect(l.retryAfterMs('ip:1', 1000)).toBe(0);
    l.recordFailure('ip:1', 2000);
    expect(l.retryAfterMs('ip:1', 2000)).toBe(58_000);
    expect(l.retryAfterMs('ip:2', 2000)).toBe(0);
  });

  it('the window slides: old failures stop counting', () => {
    const l = new FailureLimiter(2, 10_000);
    l.recordFailure('k', 0);
    l.recordFailure('k', 5000);
    expect(l.retryAfterMs('k', 9000)).toBe(1000);
    expect(l.retryAfterMs('k', 10_001)).toBe(0);
  });

  it('reset clears a key (a successful auth)', () => {
    const l = new FailureLimiter(1, 10_000);
    l.recordFailure('k', 0);
    expect(l.retryAfterMs('k', 1)).toBeGreaterThan(0);
    l.reset('k');
    expect(l.retryAfterMs('k', 1)).toBe(0);
  });

  it('is bounded: past maxKeys the oldest key is evicted', () => {
    const l = new FailureLimiter(1, 60_000, 2);
    l.recordFailure('a', 0);
    l.recordFailure('b', 0);
    l.recordFailure('c', 0);
    expect(l.retryAfterMs('a', 1)).toBe(0);
    expect(l.retryAfterMs('b', 1)).toBeGreaterThan(0);
    expect(l.retryAfterMs('c', 1)).toBeGreaterThan(0);
  });
});
