import { randomUUID } from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import type { OutboundMessage } from '../../sdk/index.js';
import { preparedStatement } from '../../sdk/index.js';

export type OutboundState = 'pending' | 'sent' | 'dead';

/** One stored piece of an outbound message (a long text is several parts, delivered in order). */
export interface OutboundRow {
  seq: number;
  message_id: string;
  part: number;
  channel: string;
  account_id: string;
  recipient: string;
  chat_key: string;
  payload: string;
  idempotency_key: string | null;
  session_key: string | null;
  state: OutboundState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  platform_message_id: string | null;
  created_at: number;
  updated_at: number;
}

export interface NewOutbound {
  channel: string;
  accountId: string;
  to: string;
  parts: Array<Omit<OutboundMessage, 'accountId' | 'to'>>;
  idempotencyKey?: string;
  sessionKey?: string;
}

/** Per-chat ordering key: one chat of one account of one channel. */
export function chatKey(channel: string, accountId: string, to: string): string {
  return `${channel}\u0000${accountId}\u0000${to}`;
}

/** The `delivery_outbound` table: durable, ordered per chat, deduped by idempotency key. */
export class OutboundStore {
  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  /**
   * `counts()` until the next write: `status` reads it on every call, and a GROUP BY over the
   * table per call was a tenth of the gateway's CPU under a polling client. Every method that
   * writes the table drops it (a write that fails or rolls back drops it too, which is only a
   * recount).
   */
  private cachedCounts?: Record<string, { pending: number; sent: number; dead: number }>;

  constructor(private readonly db: Database) {}

  /** Insert every part in one transaction, or return the message an idempotency key already made. */
  insert(message: NewOutbound, now = Date.now()): { messageId: string; duplicate: boolean } {
    this.cachedCounts = undefined;
    return this.db.transaction(() => {
      if (message.idempotencyKey) {
        const seen = this.stmt('SELECT message_id FROM delivery_outbound WHERE idempotency_key = ? AND part = 0').get(
          message.idempotencyKey,
        ) as { message_id: string } | undefined;
        if (seen) return { messageId: seen.message_id, duplicate: true };
      }
      const messageId = randomUUID();
      const insert = this.stmt(
        `INSERT INTO delivery_outbound (message_id, part, channel, account_id, recipient, chat_key, payload,
           idempotency_key, session_key, state, next_attempt_at, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)`,
      );
      message.parts.forEach((part, index) => {
        insert.run(
          messageId,
          index,
          message.channel,
          message.accountId,
          message.to,
          chatKey(message.channel, message.accountId, message.to),
          JSON.stringify(part),
          message.idempotencyKey ?? null,
          message.sessionKey ?? null,
          now,
          now,
          now,
        );
      });
      return { messageId, duplicate: false };
    })();
  }

  /**
   * The oldest pending part of every chat (only a chat's head may be attempted: per-chat order)
   * that is due now and whose channel is loaded. Filtering before the LIMIT matters: heads in
   * backoff or of an unloaded channel must not crowd out deliverable ones.
   */
  pendingHeads(now: number, channels: readonly string[]): OutboundRow[] {
    if (channels.length === 0) return [];
    return this.stmt(
      `SELECT o.* FROM delivery_outbound o
         JOIN (SELECT chat_key, MIN(seq) AS head FROM delivery_outbound WHERE state = 'pending' GROUP BY chat_key) h
           ON o.seq = h.head
         WHERE o.next_attempt_at <= ? AND o.channel IN (SELECT value FROM json_each(?))
         ORDER BY o.seq LIMIT 500`,
    ).all(now, JSON.stringify(channels)) as OutboundRow[];
  }

  markSent(seq: number, platformMessageId: string | undefined, now = Date.now()): void {
    this.cachedCounts = undefined;
    this.stmt(
      "UPDATE delivery_outbound SET state = 'sent', attempts = attempts + 1, platform_message_id = ?, " +
        'last_error = NULL, updated_at = ? WHERE seq = ?',
    ).run(platformMessageId ?? null, now, seq);
  }

  /** Several deliveries in one commit: a commit (fsync) per message is the queue's main cost. */
  markSentMany(entries: ReadonlyArray<{ seq: number; platformMessageId?: string }>, now = Date.now()): void {
    this.db.transaction(() => {
      for (const e of entries) this.markSent(e.seq, e.platformMessageId, now);
    })();
  }

  markRetry(seq: number, error: string, nextAttemptAt: number, now = Date.now()): void {
    this.cachedCounts = undefined;
    this.stmt(
      'UPDATE delivery_outbound SET attempts = attempts + 1, last_error = ?, next_attempt_at = ' +
        '?, updated_at = ? WHERE seq = ?',
    ).run(error, nextAttemptAt, now, seq);
  }

  markDead(seq: number, error: string, now = Date.now()): void {
    this.cachedCounts = undefined;
    this.stmt(
      "UPDATE delivery_outbound SET state = 'dead', attempts = attempts + 1, last_error = ?, updated_at = ? " +
        'WHERE seq = ?',
    ).run(error, now, seq);
  }

  /** Put dead parts of a message back in the queue (operator retry). Returns how many. */
  requeue(messageId: string, now = Date.now()): number {
    this.cachedCounts = undefined;
    return this.stmt(
      "UPDATE delivery_outbound SET state = 'pending', attempts = 0, next_attempt_at = ?, updated_at = ? WHERE " +
        "message_id = ? AND state = 'dead'",
    ).run(now, now, messageId).changes;
  }

  /** Parts per channel and state (the returned object is shared: read it, do not change it). */
  counts(): Record<string, { pending: number; sent: number; dead: number }> {
    if (this.cachedCounts) return this.cachedCounts;
    const rows = this.stmt(
      'SELECT channel, state, COUNT(*) AS n FROM delivery_outbound GROUP BY channel, state',
    ).all() as Array<{ channel: string; state: OutboundState; n: number }>;
    const out: Record<string, { pending: number; sent: number; dead: number }> = {};
    for (const r of rows) {
      out[r.channel] ??= { pending: 0, sent: 0, dead: 0 };
      out[r.channel]![r.state] = r.n;
    }
    this.cachedCounts = out;
    return out;
  }

  deadLetters(limit = 50): OutboundRow[] {
    return this.stmt("SELECT * FROM delivery_outbound WHERE state = 'dead' ORDER BY updated_at DESC LIMIT ?").all(
      limit,
    ) as OutboundRow[];
  }

  /** Forget delivered parts older than `cutoff` (dead letters stay until requeued). */
  pruneSent(cutoff: number): number {
    this.cachedCounts = undefined;
    return this.stmt("DELETE FROM delivery_outbound WHERE state = 'sent' AND updated_at < ?").run(cutoff).changes;
  }
}
