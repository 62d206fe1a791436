import os from 'node:os';

export interface PresenceEntry {
  host?: string;
  ip?: string;
  version?: string;
  platform?: string;
  deviceFamily?: string;
  modelIdentifier?: string;
  mode?: string;
  lastInputSeconds?: number;
  reason?: string;
  tags?: string[];
  text?: string;
  ts: number;
  deviceId?: string;
  roles?: string[];
  scopes?: string[];
  instanceId?: string;
}

/**
 * One presence row per device/instance (several connections of one instance share a row,
 * which leaves only when its last connection does), plus the gateway's own row.
 */
export class PresenceTable {
  private readonly rows = new Map<string, { entry: PresenceEntry; conns: Set<string> }>();
  private readonly self: PresenceEntry;

  constructor(version: string) {
    this.self = {
      host: os.hostname(),
      version,
      platform: process.platform,
      mode: 'gateway',
      reason: 'self',
      ts: Date.now(),
      instanceId: `gateway-${process.pid}`,
    };
  }

  /** Returns true when a new row appeared (a `presence` event is due). */
  join(key: string, connId: string, entry: PresenceEntry): boolean {
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
  leave(key: string, connId: string): boolean {
    const row = this.rows.get(key);
    if (!row) return false;
    row.conns.delete(connId);
    if (row.conns.size > 0) return false;
    this.rows.delete(key);
    return true;
  }

  update(key: string, patch: Partial<PresenceEntry>): boolean {
    const row = this.rows.get(key);
    if (!row) return false;
    row.entry = { ...row.entry, ...patch, ts: Date.now() };
    return true;
  }

  list(): PresenceEntry[] {
    return [{ ...this.self }, ...[...this.rows.values()].map((r) => r.entry)];
  }

  get size(): number {
    return this.rows.size;
  }
}
