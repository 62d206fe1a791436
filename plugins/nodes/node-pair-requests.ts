import crypto from 'node:crypto';
import type { Database } from 'better-sqlite3';
import { preparedStatement } from '../../sdk/index.js';

/** `node.pair.request` params (PROTOCOL.md). */
export interface NodePairAsk {
  nodeId: string;
  displayName?: string;
  platform?: string;
  version?: string;
  coreVersion?: string;
  uiVersion?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  /** As the asking bridge saw the node; shown to the approver, never trusted for anything. */
  remoteIp?: string;
  caps?: string[];
  commands?: string[];
  silent?: boolean;
}

export interface NodePairRequest extends NodePairAsk {
  requestId: string;
  createdAtMs: number;
  expiresAtMs: number;
}

/**
 * Pairing asked for with `node.pair.request`: by a bridge or app for a node that has no device key
 * of its own. Approval issues a node token (random, stored only as its SHA-256) that the
 * approver hands to the node and `node.pair.verify` checks. Same TTL and cap as the kernel's
 * device pairing requests (`gateway.pairing.pendingTtlMs`, `maxPending`).
 */
export class NodePairRequests {
  constructor(
    private readonly db: Database,
    private readonly settings: () => { ttlMs: number; maxPending: number },
  ) {}

  request(ask: NodePairAsk, now = Date.now()): { request: NodePairRequest; created: boolean } {
    return this.db.transaction(() => {
      this.expire(now);
      const row = preparedStatement(this.db, 'SELECT body FROM nodes_pair_requests WHERE node_id = ?').get(
        ask.nodeId,
      ) as { body: string } | undefined;
      if (row) {
        const cur = JSON.parse(row.body) as NodePairRequest;
        const request = {
          ...ask,
          requestId: cur.requestId,
          createdAtMs: cur.createdAtMs,
          expiresAtMs: cur.expiresAtMs,
        };
        preparedStatement(this.db, 'UPDATE nodes_pair_requests SET body = ? WHERE request_id = ?').run(
          JSON.stringify(request),
          cur.requestId,
        );
        return { request, created: false };
      }
      const { ttlMs, maxPending } = this.settings();
      const count = (preparedStatement(this.db, 'SELECT COUNT(*) AS n FROM nodes_pair_requests').get() as { n: number })
        .n;
      if (count >= maxPending) {
        preparedStatement(
          this.db,
          'DELETE FROM nodes_pair_requests WHERE request_id IN ' +
            '(SELECT request_id FROM nodes_pair_requests ORDER BY created_at, rowid LIMIT ?)',
        ).run(count - maxPending + 1);
      }
      const request: NodePairRequest = {
        ...ask,
        requestId: crypto.randomUUID(),
        createdAtMs: now,
        expiresAtMs: now + ttlMs,
      };
      preparedStatement(
        this.db,
        'INSERT INTO nodes_pair_requests (request_id, node_id, body, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      ).run(request.requestId, ask.nodeId, JSON.stringify(request), now, request.expiresAtMs);
      return { request, created: true };
    })();
  }

  list(now = Date.now()): NodePairRequest[] {
    this.expire(now);
    return (
      preparedStatement(this.db, 'SELECT body FROM nodes_pair_requests ORDER BY created_at, rowid').all() as {
        body: string;
      }[]
    ).map((r) => JSON.parse(r.body) as NodePairRequest);
  }

  take(requestId: string, now = Date.now()): NodePairRequest | undefined {
    this.expire(now);
    const row = preparedStatement(this.db, 'SELECT body FROM nodes_pair_requests WHERE request_id = ?').get(
      requestId,
    ) as { body: string } | undefined;
    if (!row) return undefined;
    preparedStatement(this.db, 'DELETE FROM nodes_pair_requests WHERE request_id = ?').run(requestId);
    return JSON.parse(row.body) as NodePairRequest;
  }

  /** Issue (or replace) the node's token; returned once, stored hashed. */
  issueToken(nodeId: string, now = Date.now()): { token: string; issuedAtMs: number } {
    const token = crypto.randomBytes(32).toString('base64url');
    preparedStatement(
      this.db,
      'INSERT INTO nodes_tokens (node_id, token_hash, issued_at) VALUES (?, ?, ?) ' +
        'ON CONFLICT (node_id) DO UPDATE SET token_hash = excluded.token_hash, issued_at = excluded.issued_at',
    ).run(nodeId, hash(token), now);
    return { token, issuedAtMs: now };
  }

  verifyToken(nodeId: string, token: string): boolean {
    const row = preparedStatement(this.db, 'SELECT token_hash FROM nodes_tokens WHERE node_id = ?').get(nodeId) as
      | { token_hash: string }
      | undefined;
    if (!row) return false;
    return crypto.timingSafeEqual(Buffer.from(hash(token), 'hex'), Buffer.from(row.token_hash, 'hex'));
  }

  /** Node ids holding a node token. */
  tokenHolders(): Set<string> {
    return new Set(
      (preparedStatement(this.db, 'SELECT node_id FROM nodes_tokens').all() as { node_id: string }[]).map(
        (r) => r.node_id,
      ),
    );
  }

  forget(nodeId: string): boolean {
    return preparedStatement(this.db, 'DELETE FROM nodes_tokens WHERE node_id = ?').run(nodeId).changes > 0;
  }

  private expire(now: number): void {
    preparedStatement(this.db, 'DELETE FROM nodes_pair_requests WHERE expires_at <= ?').run(now);
  }
}

function hash(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
