import { PluginError } from '../../sdk/index.js';
/** The telegram plugin's error registry (README.md "Error codes"). */
export declare const TELEGRAM_ERRORS: {
    readonly GW_ERR_TELEGRAM_CONFIG: "INVALID_REQUEST";
    readonly GW_ERR_TELEGRAM_TOKEN_MISSING: "INVALID_REQUEST";
    readonly GW_ERR_TELEGRAM_TOKEN_INVALID: "NOT_LINKED";
    readonly GW_ERR_TELEGRAM_ACCOUNT_UNKNOWN: "NOT_FOUND";
    readonly GW_ERR_TELEGRAM_MEDIA_TOO_LARGE: "INVALID_REQUEST";
    readonly GW_ERR_TELEGRAM_WEBHOOK_SECRET: "UNAUTHORIZED";
};
export type TelegramErrorCode = keyof typeof TELEGRAM_ERRORS;
export declare function telegramError(code: TelegramErrorCode, message: string, options?: {
    details?: unknown;
    cause?: unknown;
}): PluginError;
