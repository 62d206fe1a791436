import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** The whatsapp plugin's error registry (README.md "Error codes"). */
export const WHATSAPP_ERRORS = {
  GW_ERR_WHATSAPP_ACCOUNT_UNKNOWN: 'NOT_FOUND',
  GW_ERR_WHATSAPP_LOGGED_OUT: 'NOT_LINKED',
  GW_ERR_WHATSAPP_REPLACED: 'UNAVAILABLE',
  GW_ERR_WHATSAPP_LOGIN_FAILED: 'UNAVAILABLE',
} as const satisfies Record<string, WireErrorCode>;

export type WhatsAppErrorCode = keyof typeof WHATSAPP_ERRORS;

export function whatsappError(
  code: WhatsAppErrorCode,
  message: string,
  options: { details?: unknown; cause?: unknown } = {},
): PluginError {
  return new PluginError(code, WHATSAPP_ERRORS[code], message, options);
}
