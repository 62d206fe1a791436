import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** The telegram plugin's error registry (README.md "Error codes"). */
export const TELEGRAM_ERRORS = {
  GW_ERR_TELEGRAM_MEDIA_TOO_LARGE: 'INVALID_REQUEST',
  GW_ERR_TELEGRAM_WEBHOOK_SECRET: 'UNAUTHORIZED',
} as const satisfies Record<string, WireErrorCode>;

export type TelegramErrorCode = keyof typeof TELEGRAM_ERRORS;

export function telegramError(
  code: TelegramErrorCode,
  message: string,
  options: { details?: unknown; cause?: unknown } = {},
): PluginError {
  return new PluginError(code, TELEGRAM_ERRORS[code], message, options);
}
