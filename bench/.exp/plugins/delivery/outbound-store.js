import { randomUUID } from 'node:crypto';
/** Per-chat ordering key: one chat of one account of one channel. */
export function chatKey(channel, accountId, to) {
    return `${channel}\u0000${accountId}\u0000${to}`;
}
/** The `delivery_outbound` table: durable, ordered per chat, deduped by idempotency key. */
export class OutboundStore {
    db;
    constructor(db) {
        this.db = db;
    }
    /** Insert every part in one transaction, or return the message an idempotency key already made. */
    insert(message, now = Date.now()) {
        return this.db.transaction(() => {
            if (message.idempotencyKey) {
                const seen = this.db.prepare('SELECT message_id FROM delivery_outbound WHERE idempotency_key = ? AND part = 0').get(message.idempotencyKey);
                if (seen)
                    return { messageId: seen.message_id, duplicate: true };
            }
            const messageId = randomUUID();
            const insert = this.db.prepare(`INSERT INTO delivery_outbound (message_id, part, channel, account_id, recipient, chat_key, payload, idempotency_key, session_key, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`);
            message.parts.forEach((part, index) => {
                insert.run(messageId, index, message.channel, message.accountId, message.to, chatKey(message.channel, message.accountId, message.to), JSON.stringify(part), message.idempotencyKey ?? null, message.sessionKey ?? null, now, now, now);
            });
            return { messageId, duplicate: false };
        })();
    }
    /** The oldest pending part of every chat (only a chat's head may be attempted: per-chat order). */
    pendingHeads() {
        return this.db
            .prepare(`SELECT o.* FROM delivery_outbound o
         JOIN (SELECT chat_key, MIN(seq) AS head FROM delivery_outbound WHERE state = 'pending' GROUP BY chat_key) h
           ON o.seq = h.head
         ORDER BY o.seq LIMIT 500`)
            .all();
    }
    markSent(seq, platformMessageId, now = Date.now()) {
        this.db.prepare("UPDATE delivery_outbound SET state = 'sent', attempts = attempts + 1, platform_message_id = ?, last_error = NULL, updated_at = ? WHERE seq = ?").run(platformMessageId ?? null, now, seq);
    }
    markRetry(seq, error, nextAttemptAt, now = Date.now()) {
        this.db.prepare('UPDATE delivery_outbound SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, updated_at = ? WHERE seq = ?').run(error, nextAttemptAt, now, seq);
    }
    markDead(seq, error, now = Date.now()) {
        this.db.prepare("UPDATE delivery_outbound SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ? WHERE seq = ?").run(error, now, seq);
    }
    /** Put dead parts of a message back in the queue (operator retry). Returns how many. */
    requeue(messageId, now = Date.now()) {
        return this.db.prepare("UPDATE delivery_outbound SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE message_id = ? AND state = 'dead'").run(now, now, messageId).changes;
    }
    counts() {
        const rows = this.db.prepare('SELECT channel, state, COUNT(*) AS n FROM delivery_outbound GROUP BY channel, state').all();
        const out = {};
        for (const r of rows) {
            out[r.channel] ??= { pending: 0, sent: 0, dead: 0 };
            out[r.channel][r.state] = r.n;
        }
        return out;
    }
    deadLetters(limit = 50) {
        return this.db.prepare("SELECT * FROM delivery_outbound WHERE state = 'dead' ORDER BY updated_at DESC LIMIT ?").all(limit);
    }
    /** Forget delivered parts older than `cutoff` (dead letters stay until requeued). */
    pruneSent(cutoff) {
        return this.db.prepare("DELETE FROM delivery_outbound WHERE state = 'sent' AND updated_at < ?").run(cutoff).changes;
    }
}
//# sourceMappingURL=outbound-store.js.map