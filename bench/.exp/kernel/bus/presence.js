import os from 'node:os';
/**
 * One presence row per device/instance (several connections of one instance share a row,
 * which leaves only when its last connection does), plus the gateway's own row.
 */
export class PresenceTable {
    rows = new Map();
    self;
    constructor(version) {
        this.self = { host: os.hostname(), version, platform: process.platform, mode: 'gateway', reason: 'self', ts: Date.now(), instanceId: `gateway-${process.pid}` };
    }
    /** Returns true when a new row appeared (a `presence` event is due). */
    join(key, connId, entry) {
        const row = this.rows.get(key);
        if (row) {
            row.conns.add(connId);
            row.entry = { ...row.entry, ...entry };
            return false;
        }
        this.rows.set(key, { entry, conns: new Set([connId]) });
        return true;
    }
    /** Returns true when the row went away. */
    leave(key, connId) {
        const row = this.rows.get(key);
        if (!row)
            return false;
        row.conns.delete(connId);
        if (row.conns.size > 0)
            return false;
        this.rows.delete(key);
        return true;
    }
    update(key, patch) {
        const row = this.rows.get(key);
        if (!row)
            return false;
        row.entry = { ...row.entry, ...patch, ts: Date.now() };
        return true;
    }
    list() {
        return [{ ...this.self }, ...[...this.rows.values()].map((r) => r.entry)];
    }
    get size() {
        return this.rows.size;
    }
}
//# sourceMappingURL=presence.js.map