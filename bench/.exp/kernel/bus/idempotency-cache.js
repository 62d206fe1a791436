/**
 * Dedupe window for side-effecting methods: `method + idempotencyKey` → the first call's
 * outcome. Bounded in size (oldest evicted) and time (TTL).
 */
export class IdempotencyCache {
    maxEntries;
    ttlMs;
    entries = new Map();
    constructor(maxEntries = 5000, ttlMs = 10 * 60 * 1000) {
        this.maxEntries = maxEntries;
        this.ttlMs = ttlMs;
    }
    get(key, now = Date.now()) {
        const hit = this.entries.get(key);
        if (!hit)
            return undefined;
        if (hit.expiresAt <= now) {
            this.entries.delete(key);
            return undefined;
        }
        return hit.outcome;
    }
    set(key, outcome, now = Date.now()) {
        this.entries.delete(key);
        this.entries.set(key, { outcome, expiresAt: now + this.ttlMs });
        while (this.entries.size > this.maxEntries) {
            const oldest = this.entries.keys().next().value;
            if (oldest === undefined)
                break;
            this.entries.delete(oldest);
        }
    }
    delete(key) {
        this.entries.delete(key);
    }
    get size() {
        return this.entries.size;
    }
}
//# sourceMappingURL=idempotency-cache.js.map