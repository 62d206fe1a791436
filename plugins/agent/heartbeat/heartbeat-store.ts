import type { Database } from 'better-sqlite3';
import { type DeliveryRoute, type PluginStore, preparedStatement } from '../../../sdk/index.js';

/**
 * The heartbeat's own tables (migration set `agent/heartbeat`):
 * - `agent_system_lines`: system lines waiting for a session's next turn (cron, hooks, `wake`),
 *   stored so that an accepted line survives a restart; claimed by the run that carries them and
 *   deleted when that run ends.
 * - `agent_last_routes`: where each session was last talked to from a channel (`channel: "last"`).
 */
const MIGRATIONS = [
  `CREATE TABLE agent_system_lines (
     id INTEGER PRIMARY KEY AUTOINCREMENT, session_key TEXT NOT NULL, text TEXT NOT NULL,
     source TEXT, claimed_by TEXT, created_at INTEGER NOT NULL);
   CREATE INDEX agent_system_lines_session ON agent_system_lines (session_key, id);
   CREATE TABLE agent_last_routes (
     session_key TEXT PRIMARY KEY, agent_id TEXT NOT NULL, chat_type TEXT NOT NULL,
     channel TEXT NOT NULL, account_id TEXT, to_id TEXT NOT NULL, thread_id TEXT, updated_at INTEGER NOT NULL);
   CREATE INDEX agent_last_routes_agent ON agent_last_routes (agent_id, chat_type, updated_at);`,
];

/** At most this many lines wait per session; older ones are dropped first (a runaway cron cannot grow it). */
const MAX_LINES_PER_SESSION = 200;

export interface SystemLine {
  id: number;
  text: string;
  source?: string;
  createdAt: number;
}

export class HeartbeatStore {
  constructor(private readonly db: Database) {}

  static open(store: PluginStore): HeartbeatStore {
    store.migrate(MIGRATIONS, { set: 'heartbeat' });
    return new HeartbeatStore(store.db);
  }

  addLine(sessionKey: string, text: string, source?: string, now = Date.now()): void {
    this.db.transaction(() => {
      preparedStatement(
        this.db,
        'INSERT INTO agent_system_lines (session_key, text, source, created_at) VALUES (?, ?, ?, ?)',
      ).run(sessionKey, text, source ?? null, now);
      preparedStatement(
        this.db,
        `DELETE FROM agent_system_lines WHERE session_key = ? AND claimed_by IS NULL AND id NOT IN
           (SELECT id FROM agent_system_lines WHERE session_key = ? ORDER BY id DESC LIMIT ${MAX_LINES_PER_SESSION})`,
      ).run(sessionKey, sessionKey);
    })();
  }

  pendingCount(sessionKey: string): number {
    return (
      preparedStatement(
        this.db,
        'SELECT COUNT(*) AS n FROM agent_system_lines WHERE session_key = ? AND claimed_by IS NULL',
      ).get(sessionKey) as { n: number }
    ).n;
  }

  /** Claim the waiting lines of a session for one run (oldest first). */
  claim(sessionKey: string, runId: string): SystemLine[] {
    return this.db.transaction(() => {
      const rows = preparedStatement(
        this.db,
        'SELECT id, text, source, created_at FROM agent_system_lines ' +
          'WHERE session_key = ? AND claimed_by IS NULL ORDER BY id',
      ).all(sessionKey) as Array<{ id: number; text: string; source: string | null; created_at: number }>;
      const mark = preparedStatement(this.db, 'UPDATE agent_system_lines SET claimed_by = ? WHERE id = ?');
      for (const r of rows) mark.run(runId, r.id);
      return rows.map((r) => ({ id: r.id, text: r.text, source: r.source ?? undefined, createdAt: r.created_at }));
    })();
  }

  /** The run that carried these lines ended: they are in its transcript now. */
  release(runId: string): void {
    preparedStatement(this.db, 'DELETE FROM agent_system_lines WHERE claimed_by = ?').run(runId);
  }

  /** Lines claimed by runs that are not live (a crash mid-run) wait again for the next turn. */
  unclaimStale(live: ReadonlySet<string>): number {
    const claimed = preparedStatement(
      this.db,
      'SELECT DISTINCT claimed_by AS runId FROM agent_system_lines WHERE claimed_by IS NOT NULL',
    ).all() as Array<{ runId: string }>;
    let n = 0;
    for (const { runId } of claimed) {
      if (live.has(runId)) continue;
      n += preparedStatement(this.db, 'UPDATE agent_system_lines SET claimed_by = NULL WHERE claimed_by = ?').run(
        runId,
      ).changes;
    }
    return n;
  }

  rememberRoute(
    sessionKey: string,
    agentId: string,
    chatType: 'direct' | 'group',
    route: DeliveryRoute,
    now = Date.now(),
  ): void {
    preparedStatement(
      this.db,
      `INSERT INTO agent_last_routes
         (session_key, agent_id, chat_type, channel, account_id, to_id, thread_id, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(session_key) DO UPDATE SET agent_id = excluded.agent_id, chat_type = excluded.chat_type,
         channel = excluded.channel, account_id = excluded.account_id, to_id = excluded.to_id,
         thread_id = excluded.thread_id, updated_at = excluded.updated_at`,
    ).run(sessionKey, agentId, chatType, route.channel, route.accountId ?? null, route.to, route.threadId ?? null, now);
  }

  /** The route of one session, or else the agent's most recent direct chat. */
  lastRoute(sessionKey: string, agentId: string): DeliveryRoute | undefined {
    const row = (preparedStatement(this.db, 'SELECT * FROM agent_last_routes WHERE session_key = ?').get(sessionKey) ??
      preparedStatement(
        this.db,
        `SELECT * FROM agent_last_routes WHERE agent_id = ? AND chat_type = 'direct' ORDER BY updated_at DESC LIMIT 1`,
      ).get(agentId)) as RouteRow | undefined;
    if (!row) return undefined;
    return {
      channel: row.channel,
      to: row.to_id,
      ...(row.account_id ? { accountId: row.account_id } : {}),
      ...(row.thread_id ? { threadId: row.thread_id } : {}),
    };
  }
}

interface RouteRow {
  channel: string;
  account_id: string | null;
  to_id: string;
  thread_id: string | null;
}
