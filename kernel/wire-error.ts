import { PluginError, type WireErrorCode } from '../sdk/errors.js';
import { KERNEL_ERRORS } from './errors.js';

/** PROTOCOL.md's ErrorShape: the WS `error` of a `res` frame, and the heart of every HTTP error body. */
export interface WireError {
  code: WireErrorCode;
  message: string;
  details?: Record<string, unknown>;
  retryable?: boolean;
  retryAfterMs?: number;
}

/** One refusal: the status HTTP answers with and the ErrorShape both transports carry. */
export interface WireRefusal {
  status: number;
  error: WireError;
}

const INTERNAL: WireRefusal = { status: 500, error: { code: 'INTERNAL', message: 'internal error' } };

/** Fastify's own errors (body parsing, timeouts) → our codes, so they read like every other refusal. */
const FASTIFY_STATUS: Record<number, keyof typeof KERNEL_ERRORS> = {
  400: 'GW_ERR_HTTP_BODY_INVALID',
  404: 'GW_ERR_HTTP_NOT_FOUND',
  405: 'GW_ERR_HTTP_METHOD',
  408: 'GW_ERR_HTTP_TIMEOUT',
  413: 'GW_ERR_HTTP_BODY_TOO_LARGE',
  415: 'GW_ERR_HTTP_MEDIA_TYPE',
};

/**
 * The one way an error reaches the wire, over WebSocket or HTTP: our coded errors keep their
 * wire code, status and details (`details.errorCode` is the stable `GW_ERR_…` code); Fastify's
 * client errors (bad JSON, body too large, wrong content type) get kernel codes; anything else
 * is INTERNAL with its message hidden (the caller logs it). Never a stack.
 */
export function wireError(err: unknown): WireRefusal {
  if (err instanceof PluginError || isCodedError(err)) {
    const e = err as PluginError;
    const error: WireError = {
      code: e.wire ?? 'INTERNAL',
      message: e.message,
      details: { errorCode: e.code, ...(e.details === undefined ? {} : asObject(e.details)) },
    };
    if (e.retryable !== undefined) error.retryable = e.retryable;
    if (e.retryAfterMs !== undefined) error.retryAfterMs = e.retryAfterMs;
    return { status: typeof e.status === 'number' ? e.status : 500, error };
  }
  const status = (err as { statusCode?: unknown } | null)?.statusCode;
  if (err instanceof Error && typeof status === 'number' && status >= 400 && status < 500) {
    const errorCode = FASTIFY_STATUS[status] ?? 'GW_ERR_HTTP_BODY_INVALID';
    return {
      status,
      error: { code: KERNEL_ERRORS[errorCode].wire, message: err.message, details: { errorCode } },
    };
  }
  return structuredClone(INTERNAL);
}

function isCodedError(err: unknown): boolean {
  return (
    err instanceof Error &&
    typeof (err as { code?: unknown }).code === 'string' &&
    typeof (err as { wire?: unknown }).wire === 'string'
  );
}

function asObject(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : { value: v };
}
