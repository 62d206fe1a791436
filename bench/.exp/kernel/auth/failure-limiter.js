/**
 * Counts authentication failures per key (peer address, browser Origin) in a sliding window;
 * past `maxFailures` the key is refused with RATE_LIMITED until the window slides. Bounded:
 * the oldest keys are evicted past `maxKeys`, so a flood of addresses cannot grow memory.
 */
export class FailureLimiter {
    maxFailures;
    windowMs;
    maxKeys;
    failures = new Map();
    constructor(maxFailures = 10, windowMs = 60_000, maxKeys = 10_000) {
        this.maxFailures = maxFailures;
        this.windowMs = windowMs;
        this.maxKeys = maxKeys;
    }
    /** Milliseconds until `key` may try again, or 0 when it may try now. */
    retryAfterMs(key, now = Date.now()) {
        const list = this.prune(key, now);
        if (list.length < this.maxFailures)
            return 0;
        return Math.max(1, list[0] + this.windowMs - now);
    }
    recordFailure(key, now = Date.now()) {
        const list = this.prune(key, now);
        list.push(now);
        this.failures.delete(key);
        this.failures.set(key, list);
        if (this.failures.size > this.maxKeys) {
            const oldest = this.failures.keys().next().value;
            if (oldest !== undefined)
                this.failures.delete(oldest);
        }
    }
    reset(key) {
        this.failures.delete(key);
    }
    prune(key, now) {
        const list = this.failures.get(key) ?? [];
        while (list.length && list[0] <= now - this.windowMs)
            list.shift();
        if (list.length === 0)
            this.failures.delete(key);
        return list;
    }
}
//# sourceMappingURL=failure-limiter.js.map