import type { HttpErrorBody } from './http-route-config.js';
import type { AgentRunResult } from './services.js';

/** OpenAI's error `type` for an HTTP status, so OpenAI SDKs classify our errors as theirs. */
export function openAiErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** The kernel's HTTP client-error codes under the names OpenAI-style clients expect in `code`. */
const OPENAI_CODE: Record<string, string> = {
  GW_ERR_HTTP_BODY_INVALID: 'invalid_request',
  GW_ERR_HTTP_BODY_TOO_LARGE: 'payload_too_large',
  GW_ERR_HTTP_MEDIA_TYPE: 'unsupported_media_type',
  GW_ERR_HTTP_TIMEOUT: 'request_timeout',
  GW_ERR_HTTP_METHOD: 'method_not_allowed',
  GW_ERR_INTERNAL: 'internal_error',
};

/**
 * OpenAI's error body `{error:{message, type, param, code}}` for the OpenAI-compatible endpoints
 * (`useErrorBody(app, openAiErrorBody)`): `code` is the stable `GW_ERR_…` code (or the name above
 * for the kernel's HTTP client errors), `param` the offending field when `details.param` names one.
 */
export const openAiErrorBody: HttpErrorBody = (e) => ({
  error: {
    message: e.message,
    type: openAiErrorType(e.status),
    param: typeof e.details?.param === 'string' ? e.details.param : null,
    code: OPENAI_CODE[e.errorCode] ?? e.errorCode,
  },
});

/** OpenAI's error object: what `openAiErrorBody` and `openAiRunError` put under `error`. */
export interface OpenAiError {
  message: string;
  type: string;
  param: string | null;
  code: string;
}

/**
 * A failed agent run as the OpenAI-compatible endpoints report it: the run error's HTTP status
 * (504 for a timeout without one, else 500) and `{error:{message, type, param, code}}`, `code`
 * being the run's stable `GW_ERR_…` code (or its status word when it has none).
 */
export function openAiRunError(outcome: AgentRunResult): { status: number; body: { error: OpenAiError } } {
  const status = outcome.error?.status ?? (outcome.status === 'timeout' ? 504 : 500);
  return {
    status,
    body: {
      error: {
        message: outcome.error?.message ?? outcome.status,
        type: openAiErrorType(status),
        param: null,
        code: outcome.error?.code ?? outcome.status,
      },
    },
  };
}
