import { defineErrors } from '../../sdk/index.js';

/** The telegram plugin's error registry (README.md "Error codes"). */
const registry = defineErrors({
  GW_ERR_TELEGRAM_MEDIA_TOO_LARGE: 'INVALID_REQUEST',
  GW_ERR_TELEGRAM_WEBHOOK_SECRET: 'UNAUTHORIZED',
});

export const TELEGRAM_ERRORS = registry.codes;

export type TelegramErrorCode = keyof typeof TELEGRAM_ERRORS;

export const telegramError = registry.create;
