/**
 * Counts authentication failures per key (a client source, a browser Origin, a device) in a
 * sliding window; past `maxFailures` a key is refused until its oldest failure slides out.
 * Bounded: past `maxKeys` the least recently failed key is evicted, so a flood of addresses
 * cannot grow memory. One instance lives for the whole process: an in-process restart does not
 * hand an attacker a fresh budget.
 */
export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  /** Told of every counted failure and every attempt refused unevaluated (metrics), by key. */
  observer?: { failed(key: string): void; limited(key: string): void };

  constructor(
    private maxFailures = 10,
    private windowMs = 60_000,
    private readonly maxKeys = 10_000,
  ) {}

  /** New limits (a restart after `gateway.auth.rateLimit` changed); the counts are kept. */
  configure(maxFailures: number, windowMs: number): void {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
  }

  get limits(): { maxFailures: number; windowMs: number } {
    return { maxFailures: this.maxFailures, windowMs: this.windowMs };
  }

  /** Milliseconds until every one of `keys` may try again, or 0 when all may try now. */
  retryAfterMs(keys: string | readonly string[], now = Date.now()): number {
    let wait = 0;
    for (const key of typeof keys === 'string' ? [keys] : keys) {
      const list = this.prune(key, now);
      if (list.length >= this.maxFailures) wait = Math.max(wait, Math.max(1, list[0]! + this.windowMs - now));
    }
    return wait;
  }

  recordFailure(keys: string | readonly string[], now = Date.now()): void {
    const all = typeof keys === 'string' ? [keys] : keys;
    // One failure, whatever number of buckets it counts in: the observer hears of the first.
    if (all[0]) this.observer?.failed(all[0]);
    for (const key of all) {
      const list = this.prune(key, now);
      list.push(now);
      // Keep only what can still matter: the newest maxFailures entries decide the wait.
      if (list.length > this.maxFailures) list.splice(0, list.length - this.maxFailures);
      this.failures.delete(key);
      this.failures.set(key, list);
      if (this.failures.size > this.maxKeys) {
        const oldest = this.failures.keys().next().value;
        if (oldest !== undefined) this.failures.delete(oldest);
      }
    }
  }

  /** An attempt refused without being evaluated because `key`'s budget is spent. */
  noteLimited(key: string): void {
    this.observer?.limited(key);
  }

  /** Forget a key's failures: only ever a key that belongs to one client (its device). */
  reset(key: string): void {
    this.failures.delete(key);
  }

  /** Failures counted now for `key` (status, tests). */
  count(key: string, now = Date.now()): number {
    return this.prune(key, now).length;
  }

  get size(): number {
    return this.failures.size;
  }

  private prune(key: string, now: number): number[] {
    const list = this.failures.get(key) ?? [];
    while (list.length && list[0]! <= now - this.windowMs) list.shift();
    if (list.length === 0) this.failures.delete(key);
    return list;
  }
}
