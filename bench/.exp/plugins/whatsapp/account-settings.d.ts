import type { AccessPolicy } from '../../sdk/index.js';
import type { WhatsAppConfig } from './config-schema.js';
export declare const DEFAULT_TEXT_LIMIT = 4000;
export interface WhatsAppAccountSettings {
    accountId: string;
    name?: string;
    enabled: boolean;
    policy: AccessPolicy;
    sendReadReceipts: boolean;
    textChunkLimit: number;
    maxReconnectAttempts: number;
    reconnectBaseMs: number;
    problem?: {
        message: string;
        hint: string;
    };
}
/** `accounts.<id>` inherit the top-level values; with no `accounts` there is one account, `default`. */
export declare function resolveAccounts(config: WhatsAppConfig): WhatsAppAccountSettings[];
