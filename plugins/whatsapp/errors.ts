import { defineErrors } from '../../sdk/index.js';

/** The whatsapp plugin's error registry (README.md "Error codes"). */
const registry = defineErrors({
  GW_ERR_WHATSAPP_ACCOUNT_UNKNOWN: 'NOT_FOUND',
  GW_ERR_WHATSAPP_LOGGED_OUT: 'NOT_LINKED',
  GW_ERR_WHATSAPP_REPLACED: 'UNAVAILABLE',
  GW_ERR_WHATSAPP_LOGIN_FAILED: 'UNAVAILABLE',
});

export const WHATSAPP_ERRORS = registry.codes;

export type WhatsAppErrorCode = keyof typeof WHATSAPP_ERRORS;

export const whatsappError = registry.create;
