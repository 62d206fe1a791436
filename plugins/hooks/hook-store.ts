import type { Database, Statement } from 'better-sqlite3';
import { preparedStatement } from '../../sdk/index.js';

/** An accepted `POST <path>/agent` (or a mapping to it), as stored before 202 is answered. */
export interface HookRun {
  message: string;
  name: string;
  agentId?: string;
  sessionKey: string;
  wakeMode: 'now' | 'next-heartbeat';
  deliver: boolean;
  channel: string;
  to?: string;
  model?: string;
  thinking?: string;
  timeoutSeconds?: number;
}

export interface HookRow {
  id: string;
  payload: string;
  attempts: number;
  created_at: number;
}

export const HOOKS_MIGRATIONS = [
  `CREATE TABLE hooks_runs (
     id TEXT PRIMARY KEY, name TEXT NOT NULL, payload TEXT NOT NULL, state TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0, next_attempt_at INTEGER NOT NULL DEFAULT 0, last_error TEXT,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL);
   CREATE INDEX hooks_runs_pending ON hooks_runs (state, next_attempt_at);`,
];

const RETENTION_MS = 7 * 86_400_000;

/** `hooks_runs`: `pending` until its agent turn ended (then `done`), or `failed` after its attempts. */
export class HookStore {
  constructor(private readonly db: Database) {}

  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  /** Committed before it returns (store.durability): a crash after the 202 still runs it. */
  insert(id: string, run: HookRun, now = Date.now()): void {
    this.stmt(
      "INSERT INTO hooks_runs (id, name, payload, state, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?)",
    ).run(id, run.name, JSON.stringify(run), now, now);
  }

  pending(now: number, limit: number): HookRow[] {
    return this.stmt(
      "SELECT id, payload, attempts, created_at FROM hooks_runs WHERE state = 'pending' AND next_attempt_at <= ? " +
        'ORDER BY created_at, id LIMIT ?',
    ).all(now, limit) as HookRow[];
  }

  markDone(id: string, note?: string, now = Date.now()): void {
    this.stmt("UPDATE hooks_runs SET state = 'done', last_error = ?, updated_at = ? WHERE id = ?").run(
      note ?? null,
      now,
      id,
    );
  }

  markRetry(id: string, error: string, nextAttemptAt: number, giveUp: boolean, now = Date.now()): void {
    this.stmt(
      'UPDATE hooks_runs SET attempts = attempts + 1, last_error = ?, next_attempt_at = ?, state = ?, updated_at = ? ' +
        'WHERE id = ?',
    ).run(error, nextAttemptAt, giveUp ? 'failed' : 'pending', now, id);
  }

  /** Not its fault (the agent is restarting or busy): try again later without spending an attempt. */
  postpone(id: string, reason: string, nextAttemptAt: number, now = Date.now()): void {
    this.stmt('UPDATE hooks_runs SET last_error = ?, next_attempt_at = ?, updated_at = ? WHERE id = ?').run(
      reason,
      nextAttemptAt,
      now,
      id,
    );
  }

  state(id: string): { state: string; attempts: number; lastError?: string } | undefined {
    const r = this.stmt('SELECT state, attempts, last_error FROM hooks_runs WHERE id = ?').get(id) as
      | { state: string; attempts: number; last_error: string | null }
      | undefined;
    return r
      ? { state: r.state, attempts: r.attempts, ...(r.last_error ? { lastError: r.last_error } : {}) }
      : undefined;
  }

  prune(now = Date.now()): number {
    return this.stmt("DELETE FROM hooks_runs WHERE state != 'pending' AND updated_at < ?").run(now - RETENTION_MS)
      .changes;
  }
}
