import type { AccessPolicy } from '../../sdk/index.js';
import type { TelegramConfig } from './config-schema.js';
export declare const DEFAULT_API_ROOT = "https://api.telegram.org";
export declare const DEFAULT_TEXT_LIMIT = 4000;
/** One bot account with every default applied, or the reason it cannot run. */
export interface AccountSettings {
    accountId: string;
    name?: string;
    enabled: boolean;
    token?: string;
    apiRoot: string;
    policy: AccessPolicy;
    textChunkLimit: number;
    mediaMaxBytes: number;
    pollTimeoutSeconds: number;
    webhook?: {
        url: string;
        secret: string;
        path: string;
    };
    /** Set when the account's config cannot work; the account shows it and does not start. */
    problem?: {
        message: string;
        hint: string;
    };
}
/**
 * Resolve `channels.telegram` into accounts: `accounts.<id>` inherit the top-level values; with
 * no `accounts`, the top level is the account `default`. The token comes from `botToken`, then
 * `tokenFile`, then (for `default` only) the environment's TELEGRAM_BOT_TOKEN.
 */
export declare function resolveAccounts(config: TelegramConfig, env?: NodeJS.ProcessEnv): AccountSettings[];
