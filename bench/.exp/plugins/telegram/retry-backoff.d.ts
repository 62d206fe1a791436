/** Exponential backoff with jitter over the upper half: base·2^(failures-1), capped. */
export declare function backoffMs(failures: number, baseMs?: number, maxMs?: number, random?: () => number): number;
/** Sleep that ends early (resolving) when `signal` aborts. */
export declare function sleep(ms: number, signal: AbortSignal): Promise<void>;
