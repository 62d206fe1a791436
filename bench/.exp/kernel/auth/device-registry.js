import crypto from 'node:crypto';
import { migrate } from '../store/database.js';
import { secretsEqual } from './shared-secret.js';
const MIGRATIONS = [
    `CREATE TABLE kernel_devices (
     device_id TEXT NOT NULL, role TEXT NOT NULL, public_key TEXT NOT NULL, scopes TEXT NOT NULL,
     client_id TEXT NOT NULL, display_name TEXT, approved_at INTEGER NOT NULL,
     token_hash TEXT, token_issued_at INTEGER, PRIMARY KEY (device_id, role))`,
];
/** Paired devices and the device tokens issued to them (only a hash of each token is stored). */
export class DeviceRegistry {
    db;
    constructor(db) {
        this.db = db;
        migrate(db, 'kernel.devices', MIGRATIONS);
    }
    get(deviceId, role) {
        const row = this.db.prepare('SELECT * FROM kernel_devices WHERE device_id = ? AND role = ?').get(deviceId, role);
        if (!row)
            return undefined;
        return {
            deviceId: row.device_id,
            publicKey: row.public_key,
            role: row.role,
            scopes: JSON.parse(row.scopes),
            clientId: row.client_id,
            displayName: row.display_name ?? undefined,
            approvedAt: row.approved_at,
            tokenIssuedAt: row.token_issued_at ?? undefined,
            tokenHash: row.token_hash ?? undefined,
        };
    }
    /** Does `token` match the device token issued to this device and role? (constant time) */
    tokenMatches(deviceId, role, publicKey, token) {
        const rec = this.get(deviceId, role);
        if (!rec?.tokenHash || !token || rec.publicKey !== publicKey)
            return false;
        return secretsEqual(hashToken(token), rec.tokenHash);
    }
    /** Record the device as approved and issue it a fresh device token (returned once, stored hashed). */
    approveAndIssue(rec) {
        const token = crypto.randomBytes(32).toString('base64url');
        const now = Date.now();
        this.db
            .prepare(`INSERT INTO kernel_devices (device_id, role, public_key, scopes, client_id, display_name, approved_at, token_hash, token_issued_at)
         VALUES (@deviceId, @role, @publicKey, @scopes, @clientId, @displayName, @now, @hash, @now)
         ON CONFLICT (device_id, role) DO UPDATE SET public_key = @publicKey, scopes = @scopes, client_id = @clientId,
           display_name = @displayName, token_hash = @hash, token_issued_at = @now`)
            .run({ ...rec, scopes: JSON.stringify(rec.scopes), displayName: rec.displayName ?? null, now, hash: hashToken(token) });
        return { token, issuedAtMs: now };
    }
    revoke(deviceId, role) {
        return this.db.prepare('UPDATE kernel_devices SET token_hash = NULL WHERE device_id = ? AND role = ?').run(deviceId, role).changes > 0;
    }
    list() {
        const rows = this.db.prepare('SELECT device_id, role FROM kernel_devices ORDER BY approved_at').all();
        return rows.map((r) => {
            const { tokenHash: _hidden, ...rec } = this.get(r.device_id, r.role);
            return rec;
        });
    }
}
function hashToken(token) {
    return crypto.createHash('sha256').update(token).digest('hex');
}
//# sourceMappingURL=device-registry.js.map