import type { Database } from 'better-sqlite3';
import type { InboundMessage } from '../../sdk/index.js';
export interface PairingRequest {
    channel: string;
    accountId: string;
    senderId: string;
    chatId: string;
    code: string;
    senderName?: string;
    senderUsername?: string;
    state: 'pending' | 'approved' | 'rejected';
    createdAt: number;
    expiresAt: number;
}
/** Pairing requests from unknown DM senders and the senders an operator approved. */
export declare class PairingStore {
    private readonly db;
    private readonly options;
    constructor(db: Database, options: {
        codeTtlMs: number;
        maxPending: number;
    });
    isApproved(channel: string, accountId: string, senderId: string): boolean;
    /**
     * The sender's pending request, created when there is none (or it expired). `created` tells
     * whether a code must be sent; undefined when too many requests are pending already.
     */
    request(message: InboundMessage, now?: number): {
        request: PairingRequest;
        created: boolean;
    } | undefined;
    listPending(channel?: string, now?: number): PairingRequest[];
    /** Resolve a pending code; undefined when no live request has it. */
    resolve(channel: string, code: string, decision: 'approved' | 'rejected', now?: number): PairingRequest | undefined;
    private uniqueCode;
}
