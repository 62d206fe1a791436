/**
 * Counts authentication failures per key (peer address, browser Origin) in a sliding window;
 * past `maxFailures` the key is refused with RATE_LIMITED until the window slides. Bounded:
 * the oldest keys are evicted past `maxKeys`, so a flood of addresses cannot grow memory.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly maxFailures = 10,
    private readonly windowMs = 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** Milliseconds until `key` may try again, or 0 when it may try now. */
  retryAfterMs(key: string, now = Date.now()): number {
    const list = this.prune(key, now);
    if (list.length < this.maxFailures) return 0;
    return Math.max(1, list[0]! + this.windowMs - now);
  }

  recordFailure(key: string, now = Date.now()): void {
    const list = this.prune(key, now);
    list.push(now);
    this.failures.delete(key);
    this.failures.set(key, list);
    if (this.failures.size > this.maxKeys) {
      const oldest = this.failures.keys().next().value;
      if (oldest !== undefined) this.failures.delete(oldest);
    }
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private prune(key: string, now: number): number[] {
    const list = this.failures.get(key) ?? [];
    while (list.length && list[0]! <= now - this.windowMs) list.shift();
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
