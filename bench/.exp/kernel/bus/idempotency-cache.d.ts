/** What a side-effecting request produced: its acknowledgement (if any) and its final outcome. */
export interface IdempotentOutcome {
    ack?: unknown;
    /** Resolves with the final payload or rejects with the error of the first call. */
    final: Promise<unknown>;
    /** Notified when the first call sends its ack, for repeats that are waiting. */
    ackListeners: Array<(ack: unknown) => void>;
}
/**
 * Dedupe window for side-effecting methods: `method + idempotencyKey` → the first call's
 * outcome. Bounded in size (oldest evicted) and time (TTL).
 */
export declare class IdempotencyCache {
    private readonly maxEntries;
    private readonly ttlMs;
    private readonly entries;
    constructor(maxEntries?: number, ttlMs?: number);
    get(key: string, now?: number): IdempotentOutcome | undefined;
    set(key: string, outcome: IdempotentOutcome, now?: number): void;
    delete(key: string): void;
    get size(): number;
}
