import { PluginError } from '../../sdk/index.js';
/** The delivery plugin's error registry (README.md "Error codes" lists each one). */
export const DELIVERY_ERRORS = {
    GW_ERR_DELIVERY_CHANNEL_UNKNOWN: 'NOT_FOUND',
    GW_ERR_DELIVERY_CHANNEL_REQUIRED: 'INVALID_REQUEST',
    GW_ERR_DELIVERY_MESSAGE_EMPTY: 'INVALID_REQUEST',
    GW_ERR_DELIVERY_ACCOUNT_UNKNOWN: 'NOT_FOUND',
    GW_ERR_DELIVERY_NOT_LINKED: 'NOT_LINKED',
    GW_ERR_DELIVERY_DEAD_LETTER_UNKNOWN: 'NOT_FOUND',
    GW_ERR_DELIVERY_LOGIN_UNSUPPORTED: 'INVALID_REQUEST',
    GW_ERR_DELIVERY_LOGIN_FAILED: 'UNAVAILABLE',
    GW_ERR_DELIVERY_LOGIN_TIMEOUT: 'AGENT_TIMEOUT',
    GW_ERR_DELIVERY_PAIRING_UNKNOWN: 'NOT_FOUND',
};
export function deliveryError(code, message, options = {}) {
    return new PluginError(code, DELIVERY_ERRORS[code], message, options);
}
//# sourceMappingURL=errors.js.map