import type { Database, Statement } from 'better-sqlite3';
import type { InboundMessage, InboundOutcome } from '../../sdk/index.js';
import { preparedStatement } from '../../sdk/index.js';
import type { InboundRoute } from './inbound-route.js';

/**
 * `pending`: waiting for (or in) its agent turn or command; `done`: answered or nothing to do;
 * `failed`: gave up.
 */
export type InboundState = 'pending' | 'done' | 'failed';

export interface InboundRow {
  seq: number;
  channel: string;
  account_id: string;
  chat_id: string;
  message_id: string;
  payload: string;
  disposition: InboundOutcome['disposition'];
  thread_id: string | null;
  /** JSON of InboundRoute (null for rows stored before issue 17). */
  route: string | null;
  state: InboundState;
  attempts: number;
  next_attempt_at: number;
  last_error: string | null;
  created_at: number;
}

const RETENTION_MS = 7 * 24 * 3600 * 1000;

/** The `delivery_inbound` table: every inbound message is stored before its source is acknowledged. */
export class InboundStore {
  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  constructor(private readonly db: Database) {}

  /**
   * Store a message with its disposition. Returns the row's seq, or undefined when this
   * platform message was stored before (a replay after a crash or a redelivery).
   */
  insert(
    message: InboundMessage,
    disposition: InboundOutcome['disposition'],
    route?: InboundRoute,
    now = Date.now(),
  ): number | undefined {
    const state: InboundState = disposition === 'queued' || disposition === 'command' ? 'pending' : 'done';
    const result = this.stmt(
      `INSERT INTO delivery_inbound (channel, account_id, chat_id, message_id, payload, disposition, state, thread_id,
           route, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(
      message.channel,
      message.accountId,
      message.chatId,
      message.messageId,
      JSON.stringify(message),
      disposition,
      state,
      message.threadId ?? null,
      route ? JSON.stringify(route) : null,
      now,
      now,
    );
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
  }

  /**
   * The group messages a turn may see as context: those not addressed to the bot (`ignored`) in
   * the same chat and thread since the last message the bot answered, oldest first, at most `limit`.
   */
  groupHistory(row: InboundRow, limit: number): InboundMessage[] {
    if (limit <= 0) return [];
    const rows = this.stmt(
      `SELECT payload FROM delivery_inbound
         WHERE channel = ? AND account_id = ? AND chat_id = ? AND thread_id IS ? AND disposition = 'ignored'
           AND seq < ? AND seq > COALESCE((SELECT MAX(seq) FROM delivery_inbound
             WHERE channel = ? AND account_id = ? AND chat_id = ? AND thread_id IS ? AND disposition = 'queued'
               AND seq < ?), 0)
         ORDER BY seq DESC LIMIT ?`,
    ).all(
      row.channel,
      row.account_id,
      row.chat_id,
      row.thread_id,
      row.seq,
      row.channel,
      row.account_id,
      row.chat_id,
      row.thread_id,
      row.seq,
      limit,
    ) as Array<{ payload: string }>;
    return rows.reverse().map((r) => JSON.parse(r.payload) as InboundMessage);
  }

  seen(message: Pick<InboundMessage, 'channel' | 'accountId' | 'chatId' | 'messageId'>): boolean {
    return (
      this.stmt(
        'SELECT 1 FROM delivery_inbound WHERE channel = ? AND account_id = ? AND chat_id = ? AND message_id = ?',
      ).get(message.channel, message.accountId, message.chatId, message.messageId) !== undefined
    );
  }

  pending(now = Date.now(), limit = 100): InboundRow[] {
    return this.stmt(
      "SELECT * FROM delivery_inbound WHERE state = 'pending' AND next_attempt_at <= ? ORDER BY seq LIMIT ?",
    ).all(now, limit) as InboundRow[];
  }

  markDone(seq: number, now = Date.now()): void {
    this.stmt("UPDATE delivery_inbound SET state = 'done', updated_at = ? WHERE seq = ?").run(now, seq);
  }

  markRetry(seq: number, error: string, nextAttemptAt: number, giveUp: boolean, now = Date.now()): void {
    this.stmt(
      'UPDATE delivery_inbound SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, state = ?, ' +
        'updated_at = ? WHERE seq = ?',
    ).run(error, nextAttemptAt, giveUp ? 'failed' : 'pending', now, seq);
  }

  /** Try again at `nextAttemptAt` without counting an attempt (the agent was busy, not failing). */
  postpone(seq: number, reason: string, nextAttemptAt: number, now = Date.now()): void {
    this.stmt(
      "UPDATE delivery_inbound SET last_error = ?, next_attempt_at = ?, state = 'pending', updated_at = ? " +
        'WHERE seq = ?',
    ).run(reason, nextAttemptAt, now, seq);
  }

  pendingCount(): number {
    return (this.stmt("SELECT COUNT(*) AS n FROM delivery_inbound WHERE state = 'pending'").get() as { n: number }).n;
  }

  prune(now = Date.now()): number {
    return this.stmt("DELETE FROM delivery_inbound WHERE state != 'pending' AND updated_at < ?").run(now - RETENTION_MS)
      .changes;
  }
}
