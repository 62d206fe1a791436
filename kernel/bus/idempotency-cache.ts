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
export class IdempotencyCache {
  private readonly entries = new Map<string, { outcome: IdempotentOutcome; expiresAt: number }>();

  constructor(
    private readonly maxEntries = 5000,
    private readonly ttlMs = 10 * 60 * 1000,
  ) {}

  get(key: string, now = Date.now()): IdempotentOutcome | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    if (hit.expiresAt <= now) {
      this.entries.delete(key);
      return undefined;
    }
    return hit.outcome;
  }

  set(key: string, outcome: IdempotentOutcome, now = Date.now()): void {
    this.entries.delete(key);
    this.entries.set(key, { outcome, expiresAt: now + this.ttlMs });
    while (this.entries.size > this.maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
