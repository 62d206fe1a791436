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

/** One registry entry: the wire code, or the wire code and an HTTP status (default: the wire code's). */
export type ErrorSpec = WireErrorCode | { wire: WireErrorCode; status?: number };

export interface ErrorOptions {
  details?: unknown;
  /** Pass another wire code through (a remote's error relayed as is); the HTTP status stays the code's. */
  wire?: WireErrorCode;
  retryable?: boolean;
  retryAfterMs?: number;
  cause?: unknown;
  payload?: unknown;
}

export interface ErrorRegistry<T extends Record<string, ErrorSpec>> {
  /** The registry itself (the README test walks it: every code documented, none extra). */
  readonly codes: T;
  /** A `PluginError` with the code's wire code and status. */
  create(code: keyof T & string, message: string, options?: ErrorOptions): PluginError;
}

/**
 * A plugin's error registry (STYLE.md: one per package, every code documented):
 * ```ts
 * const errors = defineErrors({ GW_ERR_HELLO_NAME: 'INVALID_REQUEST', GW_ERR_HELLO_DOWN: { wire: 'UNAVAILABLE' } });
 * throw errors.create('GW_ERR_HELLO_NAME', 'name is longer than 100 characters', { details: { max: 100 } });
 * ```
 * Codes must be `GW_ERR_<ID>_<WHAT>`; a malformed one throws at definition time.
 */
export function defineErrors<const T extends Record<string, ErrorSpec>>(codes: T): ErrorRegistry<T> {
  for (const code of Object.keys(codes))
    if (!/^GW_ERR_[A-Z0-9]+(_[A-Z0-9]+)+$/.test(code))
      throw new TypeError(`error code "${code}" must be GW_ERR_<ID>_<WHAT> (upper case, digits, _)`);
  return {
    codes,
    create(code, message, options = {}) {
      const spec = codes[code] as ErrorSpec | undefined;
      if (spec === undefined) throw new TypeError(`"${code}" is not in this error registry`);
      const { wire, status } = typeof spec === 'string' ? { wire: spec, status: undefined } : spec;
      const { wire: relayed, ...rest } = options;
      return new PluginError(code, relayed ?? wire, message, { ...rest, status: status ?? HTTP_STATUS[wire] });
    },
  };
}
