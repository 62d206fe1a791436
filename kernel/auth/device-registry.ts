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
}

const MIGRATIONS = [
  `CREATE TABLE kernel_devices (
     device_id TEXT NOT NULL, role TEXT NOT NULL, public_key TEXT NOT NULL, scopes TEXT NOT NULL,
     client_id TEXT NOT NULL, display_name TEXT, approved_at INTEGER NOT NULL,
     token_hash TEXT, token_issued_at INTEGER, PRIMARY KEY (device_id, role))`,
];

/** Paired devices and the device tokens issued to them (only a hash of each token is stored). */
export class DeviceRegistry {
  constructor(private readonly db: SqliteDatabase) {
    migrate(db, 'kernel.devices', MIGRATIONS);
  }

  get(deviceId: string, role: string): (DeviceRecord & { tokenHash?: string }) | undefined {
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
      tokenHash: (row.token_hash as string | null) ?? undefined,
    };
  }

  /** Does `token` match the device token issued to this device and role? (constant time) */
  tokenMatches(deviceId: string, role: string, publicKey: string, token: string | undefined): boolean {
    const rec = this.get(deviceId, role);
    if (!rec?.tokenHash || !token || rec.publicKey !== publicKey) return false;
    return secretsEqual(hashToken(token), rec.tokenHash);
  }

  /** Record the device as approved and issue it a fresh device token (returned once, stored hashed). */
  approveAndIssue(rec: Omit<DeviceRecord, 'approvedAt' | 'tokenIssuedAt'>): { token: string; issuedAtMs: number } {
    const token = crypto.randomBytes(32).toString('base64url');
    const now = Date.now();
    this.db
      .prepare(
        `INSERT INTO kernel_devices (device_id, role, public_key, scopes, client_id, display_name, approved_at,
           token_hash, token_issued_at)
         VALUES (@deviceId, @role, @publicKey, @scopes, @clientId, @displayName, @now, @hash, @now)
         ON CONFLICT (device_id, role) DO UPDATE SET public_key = @publicKey, scopes = @scopes, client_id = @clientId,
           display_name = @displayName, token_hash = @hash, token_issued_at = @now`,
      )
      .run({
        ...rec,
        scopes: JSON.stringify(rec.scopes),
        displayName: rec.displayName ?? null,
        now,
        hash: hashToken(token),
      });
    return { token, issuedAtMs: now };
  }

  revoke(deviceId: string, role: string): boolean {
    return (
      this.db
        .prepare('UPDATE kernel_devices SET token_hash = NULL WHERE device_id = ? AND role = ?')
        .run(deviceId, role).changes > 0
    );
  }

  list(): DeviceRecord[] {
    const rows = this.db.prepare('SELECT device_id, role FROM kernel_devices ORDER BY approved_at').all() as {
      device_id: string;
      role: string;
    }[];
    return rows.map((r) => {
      const { tokenHash: _hidden, ...rec } = this.get(r.device_id, r.role)!;
      return rec;
    });
  }
}

function hashToken(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}
