import crypto from 'node:crypto';
import type { PairingRequest } from '../../sdk/devices.js';
import { migrate, type SqliteDatabase } from '../store/database.js';

export const DEFAULT_PAIRING_TTL_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_PENDING = 50;

const MIGRATIONS = [
  `CREATE TABLE kernel_pairing_requests (
     request_id TEXT PRIMARY KEY, device_id TEXT NOT NULL, role TEXT NOT NULL,
     created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL, body TEXT NOT NULL,
     UNIQUE (device_id, role))`,
  'CREATE INDEX kernel_pairing_requests_created ON kernel_pairing_requests (created_at)',
];

/** What the handshake knows about a device that asks to be paired. */
export type PairingAsk = Omit<PairingRequest, 'requestId' | 'createdAtMs' | 'expiresAtMs'>;

export interface PairingSettings {
  /** A request not approved within this is forgotten (default 10 min). */
  ttlMs: number;
  /** At most this many requests wait at once; the oldest expire first (default 50). */
  maxPending: number;
  /** `gateway.pairing.autoApproveWithSecret`: a new device with the shared secret is approved at once. */
  autoApproveWithSecret: boolean;
  /**
   * `gateway.controlUi.allowInsecureAuth`: a browser on another machine may connect with the
   * shared secret alone, without a device identity (a page served over plain http has no WebCrypto).
   */
  allowInsecureBrowserAuth: boolean;
}

const DEFAULT_SETTINGS: PairingSettings = {
  ttlMs: DEFAULT_PAIRING_TTL_MS,
  maxPending: DEFAULT_MAX_PENDING,
  autoApproveWithSecret: true,
  allowInsecureBrowserAuth: false,
};

/**
 * Devices waiting for an operator (docs/nodes.md "Pairing"). One request per device and role:
 * a device that reconnects while it waits gets the same request id, its details refreshed, its
 * expiry unchanged (so an abandoned request does go away, and a device that keeps knocking
 * cannot keep one alive for ever). Kept in SQLite, so a restart does not lose a request an
 * operator is about to approve.
 */
export class PairingRequests {
  settings: PairingSettings = { ...DEFAULT_SETTINGS };

  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'kernel.pairing', MIGRATIONS);
  }

  /** Settings from the config (applied live); what is not given takes its default. */
  configure(settings: Partial<PairingSettings>): void {
    const defined = Object.fromEntries(Object.entries(settings).filter(([, v]) => v !== undefined));
    this.settings = { ...DEFAULT_SETTINGS, ...defined };
  }

  /** Record (or refresh) the device's request; `created` is false when it was already waiting. */
  request(ask: PairingAsk, now = Date.now()): { request: PairingRequest; created: boolean } {
    return this.db.transaction(() => {
      this.expire(now);
      const cur = this.byDevice(ask.deviceId, ask.role);
      if (cur) {
        const request: PairingRequest = {
          ...ask,
          requestId: cur.requestId,
          createdAtMs: cur.createdAtMs,
          expiresAtMs: cur.expiresAtMs,
        };
        this.db
          .prepare('UPDATE kernel_pairing_requests SET body = ? WHERE request_id = ?')
          .run(JSON.stringify(request), cur.requestId);
        return { request, created: false };
      }
      // Room for one more: the oldest requests go first.
      const over = this.count() - this.settings.maxPending + 1;
      if (over > 0) {
        this.db
          .prepare(
            'DELETE FROM kernel_pairing_requests WHERE request_id IN ' +
              '(SELECT request_id FROM kernel_pairing_requests ORDER BY created_at, rowid LIMIT ?)',
          )
          .run(over);
      }
      const request: PairingRequest = {
        ...ask,
        requestId: crypto.randomUUID(),
        createdAtMs: now,
        expiresAtMs: now + this.settings.ttlMs,
      };
      this.db
        .prepare(
          'INSERT INTO kernel_pairing_requests (request_id, device_id, role, created_at, expires_at, body) ' +
            'VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(request.requestId, ask.deviceId, ask.role, now, request.expiresAtMs, JSON.stringify(request));
      return { request, created: true };
    })();
  }

  /** Requests still waiting, oldest first. */
  list(now = Date.now()): PairingRequest[] {
    this.expire(now);
    return (
      this.db.prepare('SELECT body FROM kernel_pairing_requests ORDER BY created_at, rowid').all() as {
        body: string;
      }[]
    ).map((r) => JSON.parse(r.body) as PairingRequest);
  }

  get(requestId: string, now = Date.now()): PairingRequest | undefined {
    this.expire(now);
    const row = this.db.prepare('SELECT body FROM kernel_pairing_requests WHERE request_id = ?').get(requestId) as
      | { body: string }
      | undefined;
    return row ? (JSON.parse(row.body) as PairingRequest) : undefined;
  }

  /** Remove a request (approved, rejected); undefined when it was not waiting (or expired). */
  take(requestId: string, now = Date.now()): PairingRequest | undefined {
    return this.db.transaction(() => {
      const request = this.get(requestId, now);
      if (request) this.db.prepare('DELETE FROM kernel_pairing_requests WHERE request_id = ?').run(requestId);
      return request;
    })();
  }

  /** The device got in another way (it proved the shared secret): its request is moot. */
  forgetDevice(deviceId: string, role: string): void {
    this.db.prepare('DELETE FROM kernel_pairing_requests WHERE device_id = ? AND role = ?').run(deviceId, role);
  }

  private byDevice(deviceId: string, role: string): PairingRequest | undefined {
    const row = this.db
      .prepare('SELECT body FROM kernel_pairing_requests WHERE device_id = ? AND role = ?')
      .get(deviceId, role) as { body: string } | undefined;
    return row ? (JSON.parse(row.body) as PairingRequest) : undefined;
  }

  private count(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM kernel_pairing_requests').get() as { n: number }).n;
  }

  private expire(now: number): void {
    this.db.prepare('DELETE FROM kernel_pairing_requests WHERE expires_at <= ?').run(now);
  }
}
