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
export declare class PresenceTable {
    private readonly rows;
    private readonly self;
    constructor(version: string);
    /** Returns true when a new row appeared (a `presence` event is due). */
    join(key: string, connId: string, entry: PresenceEntry): boolean;
    /** Returns true when the row went away. */
    leave(key: string, connId: string): boolean;
    update(key: string, patch: Partial<PresenceEntry>): boolean;
    list(): PresenceEntry[];
    get size(): number;
}
