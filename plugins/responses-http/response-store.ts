import { type PluginStore, preparedStatement } from '../../sdk/index.js';

const MIGRATIONS = [
  `CREATE TABLE responses_http_responses (
     id TEXT PRIMARY KEY, session_key TEXT NOT NULL, agent_id TEXT NOT NULL, body TEXT NOT NULL,
     created_at INTEGER NOT NULL);
   CREATE INDEX responses_http_responses_created ON responses_http_responses (created_at);`,
];

export interface StoredResponse {
  id: string;
  sessionKey: string;
  agentId: string;
  /** The response object as last answered (in progress, completed, failed). */
  body: Record<string, unknown>;
  createdAt: number;
}

/**
 * Responses kept for `GET /v1/responses/{id}` and `previous_response_id` (unless the request
 * said `store:false`), each with the session it ran in; pruned by age and count.
 */
export class ResponseStore {
  constructor(
    private readonly store: PluginStore,
    private readonly retention: () => { days: number; maxResponses: number },
  ) {
    store.migrate(MIGRATIONS);
  }

  save(r: StoredResponse): void {
    preparedStatement(
      this.store.db,
      `INSERT INTO responses_http_responses (id, session_key, agent_id, body, created_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET body = excluded.body`,
    ).run(r.id, r.sessionKey, r.agentId, JSON.stringify(r.body), r.createdAt);
    this.prune();
  }

  get(id: string): StoredResponse | undefined {
    const row = preparedStatement(this.store.db, 'SELECT * FROM responses_http_responses WHERE id = ?').get(id) as
      | { id: string; session_key: string; agent_id: string; body: string; created_at: number }
      | undefined;
    if (!row || row.created_at < this.oldestKept()) return undefined;
    return {
      id: row.id,
      sessionKey: row.session_key,
      agentId: row.agent_id,
      body: JSON.parse(row.body) as Record<string, unknown>,
      createdAt: row.created_at,
    };
  }

  delete(id: string): boolean {
    return preparedStatement(this.store.db, 'DELETE FROM responses_http_responses WHERE id = ?').run(id).changes > 0;
  }

  /** Drop responses older than the retention, and the oldest beyond the count. */
  prune(): number {
    const { maxResponses } = this.retention();
    const byAge = preparedStatement(this.store.db, 'DELETE FROM responses_http_responses WHERE created_at < ?').run(
      this.oldestKept(),
    ).changes;
    const byCount = preparedStatement(
      this.store.db,
      `DELETE FROM responses_http_responses WHERE id NOT IN
         (SELECT id FROM responses_http_responses ORDER BY created_at DESC LIMIT ?)`,
    ).run(maxResponses).changes;
    return byAge + byCount;
  }

  private oldestKept(): number {
    return Date.now() - this.retention().days * 86_400_000;
  }
}
