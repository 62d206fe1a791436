import { defineErrors, type HttpErrorBody } from '../../sdk/index.js';

/** The telegram plugin's error registry (README.md "Error codes"). */
const registry = defineErrors({
  GW_ERR_TELEGRAM_MEDIA_TOO_LARGE: 'INVALID_REQUEST',
  GW_ERR_TELEGRAM_WEBHOOK_SECRET: 'UNAUTHORIZED',
  GW_ERR_TELEGRAM_WEBHOOK_NOT_READY: 'UNAVAILABLE',
  GW_ERR_TELEGRAM_WEBHOOK_UPDATE: 'INVALID_REQUEST',
});

export const TELEGRAM_ERRORS = registry.codes;

export type TelegramErrorCode = keyof typeof TELEGRAM_ERRORS;

export const telegramError = registry.create;

/** The webhook route's error body: `{ok:false, error:{code, message}}` (kernel refusals included). */
export const webhookErrorBody: HttpErrorBody = (e) => ({ ok: false, error: { code: e.errorCode, message: e.message } });
