/** Exponential backoff with full jitter over the upper half: base·2^(attempt-1), capped. */
export declare function retryDelayMs(attempt: number, baseMs: number, maxMs: number, random?: () => number): number;
