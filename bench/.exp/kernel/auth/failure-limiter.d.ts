/**
 * Counts authentication failures per key (peer address, browser Origin) in a sliding window;
 * past `maxFailures` the key is refused with RATE_LIMITED until the window slides. Bounded:
 * the oldest keys are evicted past `maxKeys`, so a flood of addresses cannot grow memory.
 */
export declare class FailureLimiter {
    private readonly maxFailures;
    private readonly windowMs;
    private readonly maxKeys;
    private readonly failures;
    constructor(maxFailures?: number, windowMs?: number, maxKeys?: number);
    /** Milliseconds until `key` may try again, or 0 when it may try now. */
    retryAfterMs(key: string, now?: number): number;
    recordFailure(key: string, now?: number): void;
    reset(key: string): void;
    private prune;
}
