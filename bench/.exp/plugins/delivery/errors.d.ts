import { PluginError } from '../../sdk/index.js';
/** The delivery plugin's error registry (README.md "Error codes" lists each one). */
export declare const DELIVERY_ERRORS: {
    readonly GW_ERR_DELIVERY_CHANNEL_UNKNOWN: "NOT_FOUND";
    readonly GW_ERR_DELIVERY_CHANNEL_REQUIRED: "INVALID_REQUEST";
    readonly GW_ERR_DELIVERY_MESSAGE_EMPTY: "INVALID_REQUEST";
    readonly GW_ERR_DELIVERY_ACCOUNT_UNKNOWN: "NOT_FOUND";
    readonly GW_ERR_DELIVERY_NOT_LINKED: "NOT_LINKED";
    readonly GW_ERR_DELIVERY_DEAD_LETTER_UNKNOWN: "NOT_FOUND";
    readonly GW_ERR_DELIVERY_LOGIN_UNSUPPORTED: "INVALID_REQUEST";
    readonly GW_ERR_DELIVERY_LOGIN_FAILED: "UNAVAILABLE";
    readonly GW_ERR_DELIVERY_LOGIN_TIMEOUT: "AGENT_TIMEOUT";
    readonly GW_ERR_DELIVERY_PAIRING_UNKNOWN: "NOT_FOUND";
};
export type DeliveryErrorCode = keyof typeof DELIVERY_ERRORS;
export declare function deliveryError(code: DeliveryErrorCode, message: string, options?: {
    details?: unknown;
    cause?: unknown;
}): PluginError;
