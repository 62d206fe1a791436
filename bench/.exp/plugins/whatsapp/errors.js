import { PluginError } from '../../sdk/index.js';
/** The whatsapp plugin's error registry (README.md "Error codes"). */
export const WHATSAPP_ERRORS = {
    GW_ERR_WHATSAPP_LOCKED: 'UNAVAILABLE',
    GW_ERR_WHATSAPP_ACCOUNT_UNKNOWN: 'NOT_FOUND',
    GW_ERR_WHATSAPP_LOGGED_OUT: 'NOT_LINKED',
    GW_ERR_WHATSAPP_REPLACED: 'UNAVAILABLE',
    GW_ERR_WHATSAPP_LOGIN_FAILED: 'UNAVAILABLE',
    GW_ERR_WHATSAPP_RECIPIENT_INVALID: 'INVALID_REQUEST',
};
export function whatsappError(code, message, options = {}) {
    return new PluginError(code, WHATSAPP_ERRORS[code], message, options);
}
//# sourceMappingURL=errors.js.map