import crypto from 'node:crypto';
import type { Database, Statement } from 'better-sqlite3';
import { type PluginStore, preparedStatement } from '../../sdk/index.js';
import type { ChatMessage, ImagePart, ToolCall, Usage } from './provider/model-types.js';
import type { UsageRow } from './usage-report.js';

export interface SessionRow {
  key: string;
  sessionId: string;
  agentId: string;
  createdAt: number;
  updatedAt: number;
  label?: string;
  model?: string;
  thinkingLevel?: string;
  /** The session's own tool policy layer (`sessions.patch` `toolsAllow`/`toolsDeny`); it only narrows. */
  toolsAllow?: string[];
  toolsDeny?: string[];
  channel?: string;
  origin?: unknown;
  inputTokens: number;
  outputTokens: number;
  /** Messages in the current transcript (earlier session ids' transcripts are kept, not counted). */
  messageCount: number;
  /** `/verbose on`: tool calls of channel runs are summarised in the chat. */
  verbose: boolean;
  /** Times `/compact` summarised the transcript into a new session id. */
  compactions: number;
  /** Settings existing clients patch that have no effect of their own here (verboseLevel, …). */
  settings: Record<string, string>;
}

/** One stored transcript entry. */
export interface TranscriptEntry {
  id: number;
  runId?: string;
  role: 'user' | 'assistant' | 'tool';
  content: string;
  toolCalls?: ToolCall[];
  toolCallId?: string;
  toolName?: string;
  isError?: boolean;
  usage?: Usage;
  images?: ImagePart[];
  /** `<provider>/<model>` of an assistant message. */
  model?: string;
  ts: number;
}

export interface RunRecord {
  runId: string;
  sessionKey: string;
  agentId: string;
  status: 'queued' | 'running' | 'ok' | 'error' | 'aborted' | 'timeout';
  startedAt?: number;
  endedAt?: number;
  text?: string;
  error?: { code: string; message: string };
}

const MIGRATIONS = [
  `CREATE TABLE agent_sessions (
     key TEXT PRIMARY KEY, session_id TEXT NOT NULL, agent_id TEXT NOT NULL,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL,
     label TEXT, model TEXT, thinking_level TEXT, channel TEXT, origin TEXT,
     input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0);
   CREATE TABLE agent_messages (
     id INTEGER PRIMARY KEY AUTOINCREMENT, session_key TEXT NOT NULL, session_id TEXT NOT NULL, run_id TEXT,
     role TEXT NOT NULL, content TEXT NOT NULL, tool_calls TEXT, tool_call_id TEXT, tool_name TEXT,
     is_error INTEGER NOT NULL DEFAULT 0, usage TEXT, ts INTEGER NOT NULL);
   CREATE INDEX agent_messages_session ON agent_messages (session_key, id);
   CREATE TABLE agent_runs (
     run_id TEXT PRIMARY KEY, session_key TEXT NOT NULL, agent_id TEXT NOT NULL, status TEXT NOT NULL,
     started_at INTEGER, ended_at INTEGER, text TEXT, error TEXT, created_at INTEGER NOT NULL);
   CREATE INDEX agent_runs_created ON agent_runs (created_at);`,
  'ALTER TABLE agent_sessions ADD COLUMN tools_allow TEXT; ALTER TABLE agent_sessions ADD COLUMN tools_deny TEXT;',
  // Image inputs of user messages, the model that wrote each assistant message (usage.cost prices
  // by it), and the session settings existing clients patch that have no column of their own.
  `ALTER TABLE agent_messages ADD COLUMN images TEXT;
   ALTER TABLE agent_messages ADD COLUMN model TEXT;
   ALTER TABLE agent_sessions ADD COLUMN settings TEXT;
   CREATE INDEX agent_messages_ts ON agent_messages (ts);`,
];

/**
 * Chat-command state of a session (issue 17), in a migration set of its own so it never
 * collides with the main list: `/verbose`, and how often `/compact` ran.
 */
const CHAT_MIGRATIONS = [
  `ALTER TABLE agent_sessions ADD COLUMN verbose INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE agent_sessions ADD COLUMN compactions INTEGER NOT NULL DEFAULT 0;
   CREATE INDEX agent_messages_session_id ON agent_messages (session_id, id);`,
];

/** Current transcript only: `/new`, `/reset` and `/compact` start a new session id and keep the old rows. */
const CURRENT = 'session_id = (SELECT session_id FROM agent_sessions WHERE key = ?)';

/**
 * Sessions, transcripts (messages, tool calls, usage) and run records in the embedded store. A
 * session key keeps every transcript it had: a reset starts a new session id, and only the
 * current id's messages are the transcript the model sees.
 */
export class SessionStore {
  /** Statements are prepared once (status/health read the count on every call). */
  private readonly db: { prepare(sql: string): Statement; transaction: Database['transaction'] };

  constructor(store: PluginStore) {
    store.migrate(MIGRATIONS);
    store.migrate(CHAT_MIGRATIONS, { set: 'chat' });
    const raw = store.db;
    this.db = { prepare: (sql) => preparedStatement(raw, sql), transaction: raw.transaction.bind(raw) };
  }

  ensure(key: string, agentId: string, origin?: { channel?: string }): SessionRow {
    const existing = this.get(key);
    if (existing) return existing;
    const now = Date.now();
    this.db
      .prepare(
        'INSERT OR IGNORE INTO agent_sessions (key, session_id, agent_id, created_at, updated_at, channel, origin) ' +
          'VALUES (?, ?, ?, ?, ?, ?, ?)',
      )
      .run(
        key,
        crypto.randomUUID(),
        agentId,
        now,
        now,
        origin?.channel ?? null,
        origin ? JSON.stringify(origin) : null,
      );
    return this.get(key)!;
  }

  get(key: string): SessionRow | undefined {
    const r = this.db
      .prepare(
        'SELECT s.*, (SELECT COUNT(*) FROM agent_messages m WHERE m.session_id = s.session_id) AS message_count ' +
          'FROM agent_sessions s WHERE key = ?',
      )
      .get(key) as DbSession | undefined;
    return r ? toSession(r) : undefined;
  }

  /** Transcript rows in `[sinceMs, untilMs)` for the usage reports, oldest first. */
  usageRows(sinceMs: number, untilMs: number, sessionKey?: string): UsageRow[] {
    const rows = (
      sessionKey
        ? this.db
            .prepare(
              'SELECT session_key, role, usage, model, tool_calls, is_error, ts FROM agent_messages ' +
                'WHERE ts >= ? AND ts < ? AND session_key = ? ORDER BY id',
            )
            .all(sinceMs, untilMs, sessionKey)
        : this.db
            .prepare(
              'SELECT session_key, role, usage, model, tool_calls, is_error, ts FROM agent_messages ' +
                'WHERE ts >= ? AND ts < ? ORDER BY id',
            )
            .all(sinceMs, untilMs)
    ) as Array<
      Pick<DbMessage, 'role' | 'usage' | 'model' | 'tool_calls' | 'is_error' | 'ts'> & { session_key: string }
    >;
    return rows.map((r) => ({
      sessionKey: r.session_key,
      role: r.role as UsageRow['role'],
      usage: r.usage ? (JSON.parse(r.usage) as Usage) : undefined,
      model: r.model ?? undefined,
      toolNames: r.tool_calls ? (JSON.parse(r.tool_calls) as ToolCall[]).map((c) => c.name) : [],
      isError: r.is_error === 1,
      ts: r.ts,
    }));
  }

  /** The text of a session's first user message (a title for lists). */
  firstUserMessage(key: string): string | undefined {
    const r = this.db
      .prepare("SELECT content FROM agent_messages WHERE session_key = ? AND role = 'user' ORDER BY id LIMIT 1")
      .get(key) as { content: string } | undefined;
    return r?.content;
  }

  /** The key of the session whose current id is `sessionId` (the existing CLI's `--session-id`). */
  keyOfSessionId(sessionId: string): string | undefined {
    const r = this.db.prepare('SELECT key FROM agent_sessions WHERE session_id = ?').get(sessionId) as
      | { key: string }
      | undefined;
    return r?.key;
  }

  list(options: {
    limit: number;
    agentId?: string;
    activeSinceMs?: number;
    search?: string;
    label?: string;
  }): SessionRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    if (options.agentId) {
      where.push('agent_id = ?');
      args.push(options.agentId);
    }
    if (options.label !== undefined) {
      where.push('label = ?');
      args.push(options.label);
    }
    if (options.activeSinceMs !== undefined) {
      where.push('updated_at >= ?');
      args.push(options.activeSinceMs);
    }
    if (options.search) {
      where.push("(key LIKE ? ESCAPE '\\' OR label LIKE ? ESCAPE '\\')");
      const like = `%${options.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like);
    }
    const sql =
      'SELECT s.*, (SELECT COUNT(*) FROM agent_messages m WHERE m.session_id = s.session_id) AS message_count ' +
      `FROM agent_sessions s ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY updated_at DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...args, options.limit) as DbSession[]).map(toSession);
  }

  /** Run several writes as one transaction: one commit (one fsync) instead of one each. */
  atomically<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /**
   * How many rows this database connection has changed so far (SQLite `total_changes()`): reads
   * cached while it stays the same are still true (status reads sessions on every call).
   */
  changeCounter(): number {
    return (this.db.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  count(agentId?: string): number {
    if (agentId === undefined)
      return (this.db.prepare('SELECT COUNT(*) AS n FROM agent_sessions').get() as { n: number }).n;
    return (
      this.db.prepare('SELECT COUNT(*) AS n FROM agent_sessions WHERE agent_id = ?').get(agentId) as { n: number }
    ).n;
  }

  patch(
    key: string,
    fields: {
      label?: string | null;
      model?: string | null;
      thinkingLevel?: string | null;
      toolsAllow?: string[] | null;
      toolsDeny?: string[] | null;
      settings?: Record<string, string | null>;
    },
  ): SessionRow | undefined {
    const sets: string[] = [];
    const args: unknown[] = [];
    if (fields.settings && Object.keys(fields.settings).length) {
      const next: Record<string, string> = { ...(this.get(key)?.settings ?? {}) };
      for (const [k, v] of Object.entries(fields.settings)) {
        if (v === null) delete next[k];
        else next[k] = v;
      }
      sets.push('settings = ?');
      args.push(Object.keys(next).length ? JSON.stringify(next) : null);
    }
    if (fields.label !== undefined) {
      sets.push('label = ?');
      args.push(fields.label);
    }
    if (fields.model !== undefined) {
      sets.push('model = ?');
      args.push(fields.model);
    }
    if (fields.thinkingLevel !== undefined) {
      sets.push('thinking_level = ?');
      args.push(fields.thinkingLevel);
    }
    for (const [field, column] of [
      ['toolsAllow', 'tools_allow'],
      ['toolsDeny', 'tools_deny'],
    ] as const) {
      const value = fields[field];
      if (value === undefined) continue;
      sets.push(`${column} = ?`);
      args.push(value === null ? null : JSON.stringify(value));
    }
    sets.push('updated_at = ?');
    args.push(Date.now());
    this.db.prepare(`UPDATE agent_sessions SET ${sets.join(', ')} WHERE key = ?`).run(...args, key);
    return this.get(key);
  }

  /**
   * A fresh transcript under a new session id; label, model and other settings stay. The old
   * transcript is kept under its session id (`/new` and `sessions.reset` lose nothing).
   */
  reset(key: string): SessionRow | undefined {
    this.db
      .prepare(
        'UPDATE agent_sessions SET session_id = ?, updated_at = ?, input_tokens = 0, output_tokens = 0 WHERE key = ?',
      )
      .run(crypto.randomUUID(), Date.now(), key);
    return this.get(key);
  }

  /**
   * `/compact`: a new session id whose transcript starts with `summary` (as a user message, so
   * every provider takes it); the old transcript stays under the old id.
   */
  compact(key: string, summary: string): SessionRow | undefined {
    return this.db.transaction(() => {
      this.db
        .prepare(
          'UPDATE agent_sessions SET session_id = ?, updated_at = ?, compactions = compactions + 1 WHERE key = ?',
        )
        .run(crypto.randomUUID(), Date.now(), key);
      this.append(key, undefined, { role: 'user', content: summary });
      return this.get(key);
    })();
  }

  setVerbose(key: string, on: boolean): void {
    this.db
      .prepare('UPDATE agent_sessions SET verbose = ?, updated_at = ? WHERE key = ?')
      .run(on ? 1 : 0, Date.now(), key);
  }

  delete(key: string): boolean {
    return this.db.transaction(() => {
      this.db.prepare('DELETE FROM agent_messages WHERE session_key = ?').run(key);
      return this.db.prepare('DELETE FROM agent_sessions WHERE key = ?').run(key).changes > 0;
    })();
  }

  append(key: string, runId: string | undefined, message: ChatMessage, usage?: Usage, model?: string): number {
    // One commit (one fsync) for the message and the session's counters, and never one without the other.
    return this.db.transaction(() => {
      const session = this.get(key);
      if (!session) throw new Error(`session ${key} does not exist`);
      const now = Date.now();
      const info = this.db
        .prepare(
          'INSERT INTO agent_messages (session_key, session_id, run_id, role, content, tool_calls, tool_call_id, ' +
            'tool_name, is_error, usage, images, model, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        )
        .run(
          key,
          session.sessionId,
          runId ?? null,
          message.role,
          message.content,
          message.role === 'assistant' && message.toolCalls?.length ? JSON.stringify(message.toolCalls) : null,
          message.role === 'tool' ? message.toolCallId : null,
          message.role === 'tool' ? message.name : null,
          message.role === 'tool' && message.isError ? 1 : 0,
          usage ? JSON.stringify(usage) : null,
          message.role === 'user' && message.images?.length ? JSON.stringify(message.images) : null,
          model ?? null,
          now,
        );
      this.db
        .prepare(
          'UPDATE agent_sessions SET updated_at = ?, input_tokens = input_tokens + ?, ' +
            'output_tokens = output_tokens + ? WHERE key = ?',
        )
        .run(now, usage?.inputTokens ?? 0, usage?.outputTokens ?? 0, key);
      return Number(info.lastInsertRowid);
    })();
  }

  /** The transcript, oldest first; `limit` keeps the newest entries. */
  transcript(key: string, limit?: number): TranscriptEntry[] {
    const rows = (
      limit === undefined
        ? this.db.prepare(`SELECT * FROM agent_messages WHERE ${CURRENT} ORDER BY id`).all(key)
        : this.db
            .prepare(
              `SELECT * FROM (SELECT * FROM agent_messages WHERE ${CURRENT} ORDER BY id DESC LIMIT ?) ORDER BY id`,
            )
            .all(key, limit)
    ) as DbMessage[];
    return rows.map((r) => ({
      id: r.id,
      runId: r.run_id ?? undefined,
      role: r.role as TranscriptEntry['role'],
      content: r.content,
      toolCalls: r.tool_calls ? (JSON.parse(r.tool_calls) as ToolCall[]) : undefined,
      toolCallId: r.tool_call_id ?? undefined,
      toolName: r.tool_name ?? undefined,
      isError: r.is_error === 1 || undefined,
      usage: r.usage ? (JSON.parse(r.usage) as Usage) : undefined,
      images: r.images ? (JSON.parse(r.images) as ImagePart[]) : undefined,
      model: r.model ?? undefined,
      ts: r.ts,
    }));
  }

  saveRun(run: RunRecord): void {
    this.db
      .prepare(
        `INSERT INTO agent_runs (run_id, session_key, agent_id, status, started_at, ended_at, text, error, created_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT(run_id) DO UPDATE SET session_key = excluded.session_key, agent_id = excluded.agent_id,
           status = excluded.status, started_at = excluded.started_at,
           ended_at = excluded.ended_at, text = excluded.text, error = excluded.error`,
      )
      .run(
        run.runId,
        run.sessionKey,
        run.agentId,
        run.status,
        run.startedAt ?? null,
        run.endedAt ?? null,
        run.text ?? null,
        run.error ? JSON.stringify(run.error) : null,
        Date.now(),
      );
  }

  run(runId: string): RunRecord | undefined {
    const r = this.db.prepare('SELECT * FROM agent_runs WHERE run_id = ?').get(runId) as DbRun | undefined;
    if (!r) return undefined;
    return {
      runId: r.run_id,
      sessionKey: r.session_key,
      agentId: r.agent_id,
      status: r.status as RunRecord['status'],
      startedAt: r.started_at ?? undefined,
      endedAt: r.ended_at ?? undefined,
      text: r.text ?? undefined,
      error: r.error ? (JSON.parse(r.error) as RunRecord['error']) : undefined,
    };
  }

  /** Runs left `queued`/`running` by a crash or a restart past the drain deadline. */
  markInterruptedRuns(live: ReadonlySet<string>): number {
    const stale = (
      this.db.prepare(`SELECT run_id FROM agent_runs WHERE status IN ('queued', 'running')`).all() as {
        run_id: string;
      }[]
    ).filter((r) => !live.has(r.run_id));
    const mark = this.db.prepare(`UPDATE agent_runs SET status = 'error', ended_at = ?, error = ? WHERE run_id = ?`);
    const error = JSON.stringify({
      code: 'GW_ERR_AGENT_ABORTED',
      message: 'the gateway stopped before this run finished',
    });
    this.db.transaction(() => {
      for (const r of stale) mark.run(Date.now(), error, r.run_id);
    })();
    return stale.length;
  }

  /** Keep the run table bounded (records older than `maxAgeMs`). */
  pruneRuns(maxAgeMs: number): void {
    this.db
      .prepare(`DELETE FROM agent_runs WHERE created_at < ? AND status NOT IN ('queued', 'running')`)
      .run(Date.now() - maxAgeMs);
  }
}

interface DbSession {
  key: string;
  session_id: string;
  agent_id: string;
  created_at: number;
  updated_at: number;
  label: string | null;
  model: string | null;
  thinking_level: string | null;
  tools_allow: string | null;
  tools_deny: string | null;
  channel: string | null;
  origin: string | null;
  input_tokens: number;
  output_tokens: number;
  message_count: number;
  verbose: number;
  compactions: number;
  settings: string | null;
}

interface DbMessage {
  id: number;
  run_id: string | null;
  role: string;
  content: string;
  tool_calls: string | null;
  tool_call_id: string | null;
  tool_name: string | null;
  is_error: number;
  usage: string | null;
  images: string | null;
  model: string | null;
  ts: number;
}

interface DbRun {
  run_id: string;
  session_key: string;
  agent_id: string;
  status: string;
  started_at: number | null;
  ended_at: number | null;
  text: string | null;
  error: string | null;
}

function toSession(r: DbSession): SessionRow {
  return {
    key: r.key,
    sessionId: r.session_id,
    agentId: r.agent_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    label: r.label ?? undefined,
    model: r.model ?? undefined,
    thinkingLevel: r.thinking_level ?? undefined,
    toolsAllow: r.tools_allow ? (JSON.parse(r.tools_allow) as string[]) : undefined,
    toolsDeny: r.tools_deny ? (JSON.parse(r.tools_deny) as string[]) : undefined,
    channel: r.channel ?? undefined,
    origin: r.origin ? (JSON.parse(r.origin) as unknown) : undefined,
    inputTokens: r.input_tokens,
    outputTokens: r.output_tokens,
    messageCount: r.message_count,
    verbose: r.verbose === 1,
    compactions: r.compactions,
    settings: r.settings ? (JSON.parse(r.settings) as Record<string, string>) : {},
  };
}
