import type { Database } from 'better-sqlite3';
import type { InboundMessage, InboundOutcome } from '../../sdk/index.js';
/** `pending`: waiting for (or in) its agent turn; `done`: answered or nothing to do; `failed`: gave up. */
export type InboundState = 'pending' | 'done' | 'failed';
export interface InboundRow {
    seq: number;
    channel: string;
    account_id: string;
    chat_id: string;
    message_id: string;
    payload: string;
    disposition: InboundOutcome['disposition'];
    state: InboundState;
    attempts: number;
    next_attempt_at: number;
    last_error: string | null;
    created_at: number;
}
/** The `delivery_inbound` table: every inbound message is stored before its source is acknowledged. */
export declare class InboundStore {
    private readonly db;
    constructor(db: Database);
    /**
     * Store a message with its disposition. Returns the row's seq, or undefined when this
     * platform message was stored before (a replay after a crash or a redelivery).
     */
    insert(message: InboundMessage, disposition: InboundOutcome['disposition'], now?: number): number | undefined;
    seen(message: Pick<InboundMessage, 'channel' | 'accountId' | 'chatId' | 'messageId'>): boolean;
    pending(now?: number, limit?: number): InboundRow[];
    markDone(seq: number, now?: number): void;
    markRetry(seq: number, error: string, nextAttemptAt: number, giveUp: boolean, now?: number): void;
    pendingCount(): number;
    prune(now?: number): number;
}
