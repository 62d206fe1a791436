import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** The delivery plugin's error registry (README.md "Error codes" lists each one). */
export const DELIVERY_ERRORS = {
  GW_ERR_DELIVERY_CHANNEL_UNKNOWN: 'NOT_FOUND',
  GW_ERR_DELIVERY_CHANNEL_REQUIRED: 'INVALID_REQUEST',
  GW_ERR_DELIVERY_MESSAGE_EMPTY: 'INVALID_REQUEST',
  GW_ERR_DELIVERY_MEDIA_SOURCE: 'INVALID_REQUEST',
  GW_ERR_DELIVERY_ACCOUNT_UNKNOWN: 'NOT_FOUND',
  GW_ERR_DELIVERY_NOT_LINKED: 'NOT_LINKED',
  GW_ERR_DELIVERY_DEAD_LETTER_UNKNOWN: 'NOT_FOUND',
  GW_ERR_DELIVERY_LOGIN_UNSUPPORTED: 'INVALID_REQUEST',
  GW_ERR_DELIVERY_LOGIN_FAILED: 'UNAVAILABLE',
  GW_ERR_DELIVERY_LOGIN_TIMEOUT: 'AGENT_TIMEOUT',
  GW_ERR_DELIVERY_PAIRING_UNKNOWN: 'NOT_FOUND',
} as const satisfies Record<string, WireErrorCode>;

export type DeliveryErrorCode = keyof typeof DELIVERY_ERRORS;

export function deliveryError(
  code: DeliveryErrorCode,
  message: string,
  options: { details?: unknown; cause?: unknown } = {},
): PluginError {
  return new PluginError(code, DELIVERY_ERRORS[code], message, options);
}
