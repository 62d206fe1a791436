/**
 * Errors a plugin throws from a method handler or route. `code` is the plugin's stable code
 * (`GW_ERR_<ID>_<WHAT>`); `wire` is the PROTOCOL.md code clients switch on. Over the wire only
 * `{code: wire, message, details}` travels, never a stack.
 */
export type WireErrorCode =
  | 'INVALID_REQUEST'
  | 'UNAUTHORIZED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'NOT_LINKED'
  | 'NOT_PAIRED'
  | 'AGENT_TIMEOUT'
  | 'UNAVAILABLE'
  | 'RATE_LIMITED'
  | 'INTERNAL';

const HTTP_STATUS: Record<WireErrorCode, number> = {
  INVALID_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  NOT_LINKED: 409,
  NOT_PAIRED: 403,
  AGENT_TIMEOUT: 504,
  UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  INTERNAL: 500,
};

export class PluginError extends Error {
  readonly code: string;
  readonly wire: WireErrorCode;
  readonly status: number;
  readonly details?: unknown;
  readonly retryable?: boolean;
  readonly retryAfterMs?: number;
  /**
   * A response payload sent beside the error (`{type:"res", ok:false, payload, error}`), for
   * methods whose protocol defines one even on failure — the `agent` method's final
   * `{runId, status:"error", summary}`.
   */
  readonly payload?: unknown;

  constructor(
    code: string,
    wire: WireErrorCode,
    message: string,
    options: {
      details?: unknown;
      retryable?: boolean;
      retryAfterMs?: number;
      cause?: unknown;
      status?: number;
      payload?: unknown;
    } = {},
  ) {
    super(message, { cause: options.cause });
    this.name = 'PluginError';
    this.code = code;
    this.wire = wire;
    this.status = options.status ?? HTTP_STATUS[wire];
    this.details = options.details;
    this.retryable = options.retryable;
    this.retryAfterMs = options.retryAfterMs;
    this.payload = options.payload;
  }
}
