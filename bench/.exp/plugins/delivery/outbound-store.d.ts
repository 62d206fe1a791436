import type { Database } from 'better-sqlite3';
import type { OutboundMessage } from '../../sdk/index.js';
export type OutboundState = 'pending' | 'sent' | 'dead';
/** One stored piece of an outbound message (a long text is several parts, delivered in order). */
export interface OutboundRow {
    seq: number;
    message_id: string;
    part: number;
    channel: string;
    account_id: string;
    recipient: string;
    chat_key: string;
    payload: string;
    idempotency_key: string | null;
    session_key: string | null;
    state: OutboundState;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
    platform_message_id: string | null;
    created_at: number;
    updated_at: number;
}
export interface NewOutbound {
    channel: string;
    accountId: string;
    to: string;
    parts: Array<Omit<OutboundMessage, 'accountId' | 'to'>>;
    idempotencyKey?: string;
    sessionKey?: string;
}
/** Per-chat ordering key: one chat of one account of one channel. */
export declare function chatKey(channel: string, accountId: string, to: string): string;
/** The `delivery_outbound` table: durable, ordered per chat, deduped by idempotency key. */
export declare class OutboundStore {
    private readonly db;
    constructor(db: Database);
    /** Insert every part in one transaction, or return the message an idempotency key already made. */
    insert(message: NewOutbound, now?: number): {
        messageId: string;
        duplicate: boolean;
    };
    /** The oldest pending part of every chat (only a chat's head may be attempted: per-chat order). */
    pendingHeads(): OutboundRow[];
    markSent(seq: number, platformMessageId: string | undefined, now?: number): void;
    markRetry(seq: number, error: string, nextAttemptAt: number, now?: number): void;
    markDead(seq: number, error: string, now?: number): void;
    /** Put dead parts of a message back in the queue (operator retry). Returns how many. */
    requeue(messageId: string, now?: number): number;
    counts(): Record<string, {
        pending: number;
        sent: number;
        dead: number;
    }>;
    deadLetters(limit?: number): OutboundRow[];
    /** Forget delivered parts older than `cutoff` (dead letters stay until requeued). */
    pruneSent(cutoff: number): number;
}
