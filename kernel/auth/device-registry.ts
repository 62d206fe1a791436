import crypto from 'node:crypto';
import { migrate, type SqliteDatabase } from '../store/database.js';
import { secretsEqual } from './shared-secret.js';

export interface DeviceRecord {
  deviceId: string;
  publicKey: string;
  role: string;
  scopes: string[];
  clientId: string;
  displayName?: string;
  approvedAt: number;
  tokenIssuedAt?: number;
  lastSeenAt?: number;
  /** The token was issued by an operator's approval and not yet shown to the device. */
  tokenUndelivered?: boolean;
}

const MIGRATIONS = [
  `CREATE TABLE kernel_devices (
     device_id TEXT NOT NULL, role TEXT NOT NULL, public_key TEXT NOT NULL, scopes TEXT NOT NULL,
     client_id TEXT NOT NULL, display_name TEXT, approved_at INTEGER NOT NULL,
     token_hash TEXT, token_issued_at INTEGER, PRIMARY KEY (device_id, role))`,
  // The salt the current token is derived from (see device-token-key.ts); NULL when revoked.
  'ALTER TABLE kernel_devices ADD COLUMN token_salt TEXT',
  'ALTER TABLE kernel_devices ADD COLUMN last_seen_at INTEGER',
  // 1: an operator approved the device; its next connect is shown the token once (docs/nodes.md).
  'ALTER TABLE kernel_devices ADD COLUMN token_undelivered INTEGER NOT NULL DEFAULT 0',
];

/** What is recorded about a device when it is approved. */
export type DeviceFields = Omit<DeviceRecord, 'approvedAt' | 'tokenIssuedAt' | 'lastSeenAt' | 'tokenUndelivered'>;

/** What a device is told about its token: the token itself is shown only here, never stored. */
export interface IssuedDeviceToken {
  token: string;
  issuedAtMs: number;
  scopes: string[];
}

/** Paired devices and the device tokens issued to them (only a hash of each token is stored). */
export class DeviceRegistry {
  /** `tokenKey`: the gateway's device-token key (`loadOrCreateDeviceTokenKey`). */
  constructor(
    private readonly db: SqliteDatabase,
    private readonly tokenKey: Buffer,
  ) {
    migrate(db, 'kernel.devices', MIGRATIONS);
  }

  get(deviceId: string, role: string): (DeviceRecord & { tokenHash?: string; tokenSalt?: string }) | undefined {
    const row = this.db.prepare('SELECT * FROM kernel_devices WHERE device_id = ? AND role = ?').get(deviceId, role) as
      | Record<string, unknown>
      | undefined;
    if (!row) return undefined;
    return {
      deviceId: row.device_id as string,
      publicKey: row.public_key as string,
      role: row.role as string,
      scopes: JSON.parse(row.scopes as string) as string[],
      clientId: row.client_id as string,
      displayName: (row.display_name as string | null) ?? undefined,
      approvedAt: row.approved_at as number,
      tokenIssuedAt: (row.token_issued_at as number | null) ?? undefined,
      lastSeenAt: (row.last_seen_at as number | null) ?? undefined,
      tokenUndelivered: row.token_undelivered === 1,
      tokenHash: (row.token_hash as string | null) ?? undefined,
      tokenSalt: (row.token_salt as string | null) ?? undefined,
    };
  }

  /** Does `token` match the device token issued to this device and role? (constant time) */
  tokenMatches(deviceId: string, role: string, publicKey: string, token: string | undefined): boolean {
    const rec = this.get(deviceId, role);
    if (!rec?.tokenHash || !token || rec.publicKey !== publicKey) return false;
    return secretsEqual(hashToken(token), rec.tokenHash);
  }

  /**
   * A device proved the shared secret (or a trusted identity): record it as approved. A device
   * that already holds a working token keeps it (its scopes widen to include `rec.scopes`), so
   * a client's stored token survives any number of such connects; otherwise it is issued one.
   */
  approve(rec: DeviceFields): IssuedDeviceToken {
    const cur = this.get(rec.deviceId, rec.role);
    if (cur?.tokenSalt && cur.tokenHash && cur.tokenIssuedAt !== undefined && cur.publicKey === rec.publicKey) {
      const token = this.derive(rec.deviceId, rec.role, cur.tokenSalt);
      if (secretsEqual(hashToken(token), cur.tokenHash)) {
        const scopes = [...new Set([...cur.scopes, ...rec.scopes])];
        this.db
          .prepare(
            'UPDATE kernel_devices SET scopes = ?, client_id = ?, display_name = COALESCE(display_name, ?), ' +
              'token_undelivered = 0 WHERE device_id = ? AND role = ?',
          )
          .run(JSON.stringify(scopes), rec.clientId, rec.displayName ?? null, rec.deviceId, rec.role);
        return { token, issuedAtMs: cur.tokenIssuedAt, scopes };
      }
    }
    return this.issue(rec);
  }

  /** Record the device and issue it a new token; the previous one stops working (`device.token.rotate`). */
  issue(rec: DeviceFields, options: { undelivered?: boolean } = {}): IssuedDeviceToken {
    const salt = crypto.randomBytes(16).toString('base64url');
    const token = this.derive(rec.deviceId, rec.role, salt);
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO kernel_devices (device_id, role, public_key, scopes, client_id, display_name, approved_at,
           token_hash, token_issued_at, token_salt, token_undelivered)
         VALUES (@deviceId, @role, @publicKey, @scopes, @clientId, @displayName, @now, @hash, @now, @salt, @undelivered)
         ON CONFLICT (device_id, role) DO UPDATE SET public_key = @publicKey, scopes = @scopes, client_id = @clientId,
           display_name = COALESCE(display_name, @displayName), token_hash = @hash, token_issued_at = @now,
           token_salt = @salt, token_undelivered = @undelivered`,
      )
      .run({
        ...rec,
        scopes: JSON.stringify(rec.scopes),
        displayName: rec.displayName ?? null,
        now,
        hash: hashToken(token),
        salt,
        undelivered: options.undelivered ? 1 : 0,
      });
    return { token, issuedAtMs: now, scopes: rec.scopes };
  }

  private derive(deviceId: string, role: string, salt: string): string {
    return crypto.createHmac('sha256', this.tokenKey).update(`${deviceId}|${role}|${salt}`).digest('base64url');
  }

  /**
   * The token an operator's approval issued, once: it is re-derived for the device that proves
   * the key it was issued to, and marked delivered. Undefined when none waits for delivery.
   */
  takeUndelivered(deviceId: string, role: string, publicKey: string): IssuedDeviceToken | undefined {
    const cur = this.get(deviceId, role);
    if (!cur?.tokenUndelivered || !cur.tokenSalt || !cur.tokenHash || cur.publicKey !== publicKey) return undefined;
    const token = this.derive(deviceId, role, cur.tokenSalt);
    if (!secretsEqual(hashToken(token), cur.tokenHash)) return undefined;
    this.db
      .prepare('UPDATE kernel_devices SET token_undelivered = 0 WHERE device_id = ? AND role = ?')
      .run(deviceId, role);
    return { token, issuedAtMs: cur.tokenIssuedAt ?? Date.now(), scopes: cur.scopes };
  }

  /** A connection of this device and role was accepted (`lastSeenAtMs` in device lists). */
  touch(deviceId: string, role: string, now = Date.now()): void {
    this.db
      .prepare('UPDATE kernel_devices SET last_seen_at = ? WHERE device_id = ? AND role = ?')
      .run(now, deviceId, role);
  }

  rename(deviceId: string, displayName: string): boolean {
    return (
      this.db.prepare('UPDATE kernel_devices SET display_name = ? WHERE device_id = ?').run(displayName, deviceId)
        .changes > 0
    );
  }

  revoke(deviceId: string, role: string): boolean {
    return (
      this.db
        .prepare(
          'UPDATE kernel_devices SET token_hash = NULL, token_salt = NULL, token_undelivered = 0 ' +
            'WHERE device_id = ? AND role = ?',
        )
        .run(deviceId, role).changes > 0
    );
  }

  /** Forget the device in every role. */
  remove(deviceId: string): boolean {
    return this.db.prepare('DELETE FROM kernel_devices WHERE device_id = ?').run(deviceId).changes > 0;
  }

  /** Every device and role, without token material; `hasToken` is false after a revoke. */
  list(): Array<DeviceRecord & { hasToken: boolean }> {
    const rows = this.db.prepare('SELECT device_id, role FROM kernel_devices ORDER BY approved_at').all() as {
      device_id: string;
      role: string;
    }[];
    return rows.map((r) => {
      const { tokenHash, tokenSalt: _secret, ...rec } = this.get(r.device_id, r.role)!;
      return { ...rec, hasToken: tokenHash !== undefined };
    });
  }
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
