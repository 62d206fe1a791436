import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** Every error the responses-http plugin raises itself (README.md lists them). */
export const RESPONSES_HTTP_ERRORS = {
  GW_ERR_RESPONSES_HTTP_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_RESPONSES_HTTP_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
} as const satisfies Record<string, { wire: WireErrorCode; status: number }>;

export function responsesError(code: keyof typeof RESPONSES_HTTP_ERRORS, message: string): PluginError {
  const spec = RESPONSES_HTTP_ERRORS[code];
  return new PluginError(code, spec.wire, message, { status: spec.status });
}

export function errorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** `{error:{message,type,code}}` (OpenAI's shape) for any thrown error, never a stack. */
export function errorBody(err: unknown): {
  status: number;
  body: { error: { message: string; type: string; code: string; param: null } };
} {
  const e = err as { status?: number; statusCode?: number; code?: string; wire?: string; message?: string };
  if (typeof e.wire === 'string' && typeof e.status === 'number') {
    return {
      status: e.status,
      body: {
        error: { message: e.message ?? 'error', type: errorType(e.status), code: e.code ?? 'error', param: null },
      },
    };
  }
  const status = e.statusCode && e.statusCode >= 400 ? e.statusCode : 500;
  const code =
    status === 413
      ? 'payload_too_large'
      : status === 415
        ? 'unsupported_media_type'
        : status >= 500
          ? 'internal_error'
          : 'invalid_request';
  return {
    status,
    body: {
      error: {
        message: status >= 500 ? 'internal error' : (e.message ?? 'bad request'),
        type: errorType(status),
        code,
        param: null,
      },
    },
  };
}
