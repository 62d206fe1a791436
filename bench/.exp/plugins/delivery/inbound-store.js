const RETENTION_MS = 7 * 24 * 3600 * 1000;
/** The `delivery_inbound` table: every inbound message is stored before its source is acknowledged. */
export class InboundStore {
    db;
    constructor(db) {
        this.db = db;
    }
    /**
     * Store a message with its disposition. Returns the row's seq, or undefined when this
     * platform message was stored before (a replay after a crash or a redelivery).
     */
    insert(message, disposition, now = Date.now()) {
        const state = disposition === 'queued' ? 'pending' : 'done';
        const result = this.db
            .prepare(`INSERT INTO delivery_inbound (channel, account_id, chat_id, message_id, payload, disposition, state, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`)
            .run(message.channel, message.accountId, message.chatId, message.messageId, JSON.stringify(message), disposition, state, now, now);
        return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
    }
    seen(message) {
        return this.db.prepare('SELECT 1 FROM delivery_inbound WHERE channel = ? AND account_id = ? AND chat_id = ? AND message_id = ?').get(message.channel, message.accountId, message.chatId, message.messageId) !== undefined;
    }
    pending(now = Date.now(), limit = 100) {
        return this.db.prepare("SELECT * FROM delivery_inbound WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?").all(now, limit);
    }
    markDone(seq, now = Date.now()) {
        this.db.prepare("UPDATE delivery_inbound SET state = 'done', updated_at = ? WHERE seq = ?").run(now, seq);
    }
    markRetry(seq, error, nextAttemptAt, giveUp, now = Date.now()) {
        this.db
            .prepare('UPDATE delivery_inbound SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, state = ?, updated_at = ? WHERE seq = ?')
            .run(error, nextAttemptAt, giveUp ? 'failed' : 'pending', now, seq);
    }
    pendingCount() {
        return this.db.prepare("SELECT COUNT(*) AS n FROM delivery_inbound WHERE state = 'pending'").get().n;
    }
    prune(now = Date.now()) {
        return this.db.prepare("DELETE FROM delivery_inbound WHERE state != 'pending' AND updated_at < ?").run(now - RETENTION_MS).changes;
    }
}
//# sourceMappingURL=inbound-store.js.map