import type { Database, Statement } from 'better-sqlite3';
import type { InboundMessage, InboundOutcome } from '../../sdk/index.js';
import { preparedStatement } from '../../sdk/index.js';

/** `pending`: waiting for (or in) its agent turn; `done`: answered or nothing to do; `failed`: gave up. */
export type InboundState = 'pending' | 'done' | 'failed';

export interface InboundRow {
  seq: number;
  channel: string;
  account_id: string;
  chat_id: string;
  message_id: string;
  payload: string;
  disposition: InboundOutcome['disposition'];
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
  insert(message: InboundMessage, disposition: InboundOutcome['disposition'], now = Date.now()): number | undefined {
    const state: InboundState = disposition === 'queued' ? 'pending' : 'done';
    const result = this.stmt(
      `INSERT INTO delivery_inbound (channel, account_id, chat_id, message_id, payload, disposition, state, created_at,
           updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    ).run(
      message.channel,
      message.accountId,
      message.chatId,
      message.messageId,
      JSON.stringify(message),
      disposition,
      state,
      now,
      now,
    );
    return result.changes === 1 ? Number(result.lastInsertRowid) : undefined;
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
