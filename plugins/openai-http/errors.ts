import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** Every error the openai-http plugin raises (README.md lists them). */
export const OPENAI_HTTP_ERRORS = {
  GW_ERR_OPENAI_HTTP_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_OPENAI_HTTP_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
} as const satisfies Record<string, { wire: WireErrorCode; status: number }>;

export function openAiHttpError(code: keyof typeof OPENAI_HTTP_ERRORS, message: string): PluginError {
  const spec = OPENAI_HTTP_ERRORS[code];
  return new PluginError(code, spec.wire, message, { status: spec.status });
}

/** OpenAI's error `type` for an HTTP status, so OpenAI SDKs classify our errors as theirs. */
export function openAiErrorType(status: number): string {
  if (status === 401) return 'authentication_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 429) return 'rate_limit_error';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

/** `{error:{message,type,code}}` from any error (PluginError, Fastify's own, or unexpected). */
export function openAiErrorBody(err: unknown): {
  status: number;
  body: { error: { message: string; type: string; code: string; param: null } };
} {
  const e = err as { status?: number; statusCode?: number; code?: string; wire?: string; message?: string };
  if (err instanceof PluginError || (typeof e.wire === 'string' && typeof e.status === 'number')) {
    const status = e.status!;
    return {
      status,
      body: {
        error: { message: e.message ?? 'error', type: openAiErrorType(status), code: e.code ?? 'error', param: null },
      },
    };
  }
  const status = e.statusCode && e.statusCode >= 400 ? e.statusCode : 500;
  const code =
    status === 413
      ? 'payload_too_large'
      : status === 415
        ? 'unsupported_media_type'
        : status === 408
          ? 'request_timeout'
          : status >= 500
            ? 'internal_error'
            : 'invalid_request';
  const message = status >= 500 ? 'internal error' : (e.message ?? 'bad request');
  return { status, body: { error: { message, type: openAiErrorType(status), code, param: null } } };
}
