import { PluginError } from '../../sdk/index.js';
/** The telegram plugin's error registry (README.md "Error codes"). */
export const TELEGRAM_ERRORS = {
    GW_ERR_TELEGRAM_CONFIG: 'INVALID_REQUEST',
    GW_ERR_TELEGRAM_TOKEN_MISSING: 'INVALID_REQUEST',
    GW_ERR_TELEGRAM_TOKEN_INVALID: 'NOT_LINKED',
    GW_ERR_TELEGRAM_ACCOUNT_UNKNOWN: 'NOT_FOUND',
    GW_ERR_TELEGRAM_MEDIA_TOO_LARGE: 'INVALID_REQUEST',
    GW_ERR_TELEGRAM_WEBHOOK_SECRET: 'UNAUTHORIZED',
};
export function telegramError(code, message, options = {}) {
    return new PluginError(code, TELEGRAM_ERRORS[code], message, options);
}
//# sourceMappingURL=errors.js.map