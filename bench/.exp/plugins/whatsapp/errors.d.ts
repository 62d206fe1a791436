import { PluginError } from '../../sdk/index.js';
/** The whatsapp plugin's error registry (README.md "Error codes"). */
export declare const WHATSAPP_ERRORS: {
    readonly GW_ERR_WHATSAPP_LOCKED: "UNAVAILABLE";
    readonly GW_ERR_WHATSAPP_ACCOUNT_UNKNOWN: "NOT_FOUND";
    readonly GW_ERR_WHATSAPP_LOGGED_OUT: "NOT_LINKED";
    readonly GW_ERR_WHATSAPP_REPLACED: "UNAVAILABLE";
    readonly GW_ERR_WHATSAPP_LOGIN_FAILED: "UNAVAILABLE";
    readonly GW_ERR_WHATSAPP_RECIPIENT_INVALID: "INVALID_REQUEST";
};
export type WhatsAppErrorCode = keyof typeof WHATSAPP_ERRORS;
export declare function whatsappError(code: WhatsAppErrorCode, message: string, options?: {
    details?: unknown;
    cause?: unknown;
}): PluginError;
