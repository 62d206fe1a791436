import { randomInt } from 'node:crypto';
/** Unambiguous characters (no 0/O, 1/I/L) so codes survive being read aloud or retyped. */
const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const CODE_LENGTH = 8;
/** Pairing requests from unknown DM senders and the senders an operator approved. */
export class PairingStore {
    db;
    options;
    constructor(db, options) {
        this.db = db;
        this.options = options;
    }
    isApproved(channel, accountId, senderId) {
        return this.db.prepare('SELECT 1 FROM delivery_allowed_senders WHERE channel = ? AND account_id = ? AND sender_id = ?').get(channel, accountId, senderId) !== undefined;
    }
    /**
     * The sender's pending request, created when there is none (or it expired). `created` tells
     * whether a code must be sent; undefined when too many requests are pending already.
     */
    request(message, now = Date.now()) {
        return this.db.transaction(() => {
            const existing = this.db
                .prepare("SELECT * FROM delivery_pairing WHERE channel = ? AND account_id = ? AND sender_id = ? AND state = 'pending' AND expires_at > ?")
                .get(message.channel, message.accountId, message.senderId, now);
            if (existing)
                return { request: fromRow(existing), created: false };
            const pending = this.db
                .prepare("SELECT COUNT(*) AS n FROM delivery_pairing WHERE channel = ? AND account_id = ? AND state = 'pending' AND expires_at > ?")
                .get(message.channel, message.accountId, now);
            if (pending.n >= this.options.maxPending)
                return undefined;
            const code = this.uniqueCode(message.channel, now);
            this.db
                .prepare(`INSERT INTO delivery_pairing (channel, account_id, sender_id, chat_id, code, sender_name, sender_username, state, created_at, expires_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?)
           ON CONFLICT (channel, account_id, sender_id) DO UPDATE SET chat_id = excluded.chat_id, code = excluded.code,
             sender_name = excluded.sender_name, sender_username = excluded.sender_username, state = 'pending',
             created_at = excluded.created_at, expires_at = excluded.expires_at, resolved_at = NULL`)
                .run(message.channel, message.accountId, message.senderId, message.chatId, code, message.senderName ?? null, message.senderUsername ?? null, now, now + this.options.codeTtlMs);
            const row = this.db.prepare('SELECT * FROM delivery_pairing WHERE channel = ? AND account_id = ? AND sender_id = ?').get(message.channel, message.accountId, message.senderId);
            return { request: fromRow(row), created: true };
        })();
    }
    listPending(channel, now = Date.now()) {
        const rows = (channel
            ? this.db.prepare("SELECT * FROM delivery_pairing WHERE state = 'pending' AND expires_at > ? AND channel = ? ORDER BY created_at").all(now, channel)
            : this.db.prepare("SELECT * FROM delivery_pairing WHERE state = 'pending' AND expires_at > ? ORDER BY created_at").all(now));
        return rows.map(fromRow);
    }
    /** Resolve a pending code; undefined when no live request has it. */
    resolve(channel, code, decision, now = Date.now()) {
        return this.db.transaction(() => {
            const row = this.db
                .prepare("SELECT * FROM delivery_pairing WHERE channel = ? AND code = ? AND state = 'pending' AND expires_at > ?")
                .get(channel, code.trim().toUpperCase(), now);
            if (!row)
                return undefined;
            this.db.prepare('UPDATE delivery_pairing SET state = ?, resolved_at = ? WHERE channel = ? AND account_id = ? AND sender_id = ?').run(decision, now, row.channel, row.account_id, row.sender_id);
            if (decision === 'approved') {
                this.db.prepare('INSERT OR REPLACE INTO delivery_allowed_senders (channel, account_id, sender_id, approved_at) VALUES (?, ?, ?, ?)').run(row.channel, row.account_id, row.sender_id, now);
            }
            return { ...fromRow(row), state: decision };
        })();
    }
    uniqueCode(channel, now) {
        for (let attempt = 0; attempt < 20; attempt++) {
            let code = '';
            for (let i = 0; i < CODE_LENGTH; i++)
                code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
            const clash = this.db.prepare("SELECT 1 FROM delivery_pairing WHERE channel = ? AND code = ? AND state = 'pending' AND expires_at > ?").get(channel, code, now);
            if (!clash)
                return code;
        }
        throw new Error('could not draw a unique pairing code');
    }
}
function fromRow(row) {
    return {
        channel: row.channel,
        accountId: row.account_id,
        senderId: row.sender_id,
        chatId: row.chat_id,
        code: row.code,
        ...(row.sender_name ? { senderName: row.sender_name } : {}),
        ...(row.sender_username ? { senderUsername: row.sender_username } : {}),
        state: row.state,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
    };
}
//# sourceMappingURL=pairing-store.js.map