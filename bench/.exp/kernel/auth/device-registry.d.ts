import { type SqliteDatabase } from '../store/database.js';
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
/** Paired devices and the device tokens issued to them (only a hash of each token is stored). */
export declare class DeviceRegistry {
    private readonly db;
    constructor(db: SqliteDatabase);
    get(deviceId: string, role: string): (DeviceRecord & {
        tokenHash?: string;
    }) | undefined;
    /** Does `token` match the device token issued to this device and role? (constant time) */
    tokenMatches(deviceId: string, role: string, publicKey: string, token: string | undefined): boolean;
    /** Record the device as approved and issue it a fresh device token (returned once, stored hashed). */
    approveAndIssue(rec: Omit<DeviceRecord, 'approvedAt' | 'tokenIssuedAt'>): {
        token: string;
        issuedAtMs: number;
    };
    revoke(deviceId: string, role: string): boolean;
    list(): DeviceRecord[];
}
