/**
 * The kernel's error registry: every error has a stable code (`GW_ERR_<AREA>_<WHAT>`), the wire
 * code it maps to (PROTOCOL.md ErrorShape codes) and an HTTP status. docs/reference/errors.md
 * lists every code; kernel/errors.test.ts keeps the two in step.
 */
import { PluginError, type WireErrorCode } from '../sdk/errors.js';

export type { WireErrorCode };

interface ErrorSpec {
  wire: WireErrorCode;
  status: number;
}

export const KERNEL_ERRORS = {
  GW_ERR_CONFIG_PARSE: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CONFIG_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CONFIG_CONFLICT: { wire: 'INVALID_REQUEST', status: 409 },
  GW_ERR_CONFIG_WRITE: { wire: 'INTERNAL', status: 500 },
  GW_ERR_BIND_INSECURE: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_BIND_ADDRESS: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_PORT_IN_USE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_AUTH_REQUIRED: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_AUTH_INVALID: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_AUTH_RATE_LIMITED: { wire: 'RATE_LIMITED', status: 429 },
  GW_ERR_ORIGIN_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_HOST_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_DEVICE_INVALID: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_DEVICE_NOT_PAIRED: { wire: 'NOT_PAIRED', status: 403 },
  GW_ERR_DEVICE_REQUIRED: { wire: 'NOT_PAIRED', status: 403 },
  GW_ERR_PROTOCOL_MISMATCH: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_FRAME_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_HANDSHAKE_FIRST_FRAME: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_PARAMS_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_METHOD_UNKNOWN: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_RESPONSE_TOO_LARGE: { wire: 'INVALID_REQUEST', status: 413 },
  GW_ERR_METHOD_DUPLICATE: { wire: 'INTERNAL', status: 500 },
  GW_ERR_SCOPE_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_ROLE_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_DRAINING: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_INTERNAL: { wire: 'INTERNAL', status: 500 },
  GW_ERR_PLUGIN_VERSION: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_PLUGIN_SDK: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_PLUGIN_CONFIG: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_PLUGIN_REGISTER: { wire: 'INTERNAL', status: 500 },
  GW_ERR_PLUGIN_RESOLVE: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_PLUGIN_DEPENDENCY: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_PLUGIN_ROUTE_CONFLICT: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_PLUGIN_PORT_IN_USE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_PLUGIN_LISTENER_STARTING: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_LEASE_INACTIVE: { wire: 'INTERNAL', status: 500 },
  GW_ERR_SERVICE_UNDECLARED: { wire: 'INTERNAL', status: 500 },
  GW_ERR_REGISTRATION_INVALID: { wire: 'INTERNAL', status: 500 },
  GW_ERR_HTTP_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_HTTP_METHOD: { wire: 'INVALID_REQUEST', status: 405 },
  GW_ERR_HTTP_BODY_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_HTTP_BODY_TOO_LARGE: { wire: 'INVALID_REQUEST', status: 413 },
  GW_ERR_HTTP_MEDIA_TYPE: { wire: 'INVALID_REQUEST', status: 415 },
  GW_ERR_HTTP_TIMEOUT: { wire: 'UNAVAILABLE', status: 408 },
} as const satisfies Record<string, ErrorSpec>;

export type KernelErrorCode = keyof typeof KERNEL_ERRORS;

/**
 * An error that crosses the wire as `{code, message, details?, retryable?, retryAfterMs?}`.
 * `code` is the stable internal code; `wire` is the PROTOCOL.md code clients switch on.
 */
export class GatewayError extends PluginError {
  constructor(
    code: string,
    message: string,
    options: {
      wire?: WireErrorCode;
      status?: number;
      details?: unknown;
      retryable?: boolean;
      retryAfterMs?: number;
      cause?: unknown;
    } = {},
  ) {
    // The kernel's codes carry their wire code and status in the registry above.
    const spec = (KERNEL_ERRORS as Record<string, ErrorSpec>)[code];
    super(code, options.wire ?? spec?.wire ?? 'INTERNAL', message, {
      ...options,
      status: options.status ?? spec?.status ?? 500,
    });
    this.name = 'GatewayError';
  }
}

export function kernelError(
  code: KernelErrorCode,
  message: string,
  options: { details?: unknown; retryable?: boolean; retryAfterMs?: number; cause?: unknown } = {},
): GatewayError {
  return new GatewayError(code, message, options);
}
