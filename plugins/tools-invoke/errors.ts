import { defineErrors, type HttpErrorBody, type HttpErrorInfo, PluginError } from '../../sdk/index.js';

/** Every error the tools-invoke plugin raises itself (README.md lists them). */
const registry = defineErrors({
  GW_ERR_TOOLS_INVOKE_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_INVOKE_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_TOOLS_INVOKE_TOOL_FAILED: { wire: 'INVALID_REQUEST', status: 400 },
});

export const TOOLS_INVOKE_ERRORS = registry.codes;

export const toolsInvokeError = registry.create;

/** `error.type` in the body: what kind of failure, for clients that switch on it. */
function failureType(e: HttpErrorInfo): string {
  if (e.errorCode === 'GW_ERR_TOOLS_INVOKE_TOOL_FAILED') return 'tool_error';
  switch (e.status) {
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 405:
      return 'method_not_allowed';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
  }
  return e.status >= 500 ? 'internal_error' : 'invalid_request';
}

/**
 * The documented body of a failed invocation, `{ok:false, error:{type, message, code}}` — for
 * its own errors and the kernel's refusals on `/tools/invoke` alike (`useErrorBody`).
 */
export const toolsInvokeErrorBody: HttpErrorBody = (e) => ({
  ok: false,
  error: {
    type: failureType(e),
    message: e.message,
    code: e.errorCode,
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
  },
});

/**
 * What a failed tool becomes. A refusal with a client status (unknown tool 404, bad arguments
 * 400, unavailable 503) keeps it; a tool that throws anything else failed at its job: 400
 * `tool_error` with its message (never a stack), since the gateway itself is fine.
 */
export function toolFailure(err: unknown): unknown {
  if (err instanceof PluginError && (err.status < 500 || err.wire === 'UNAVAILABLE')) return err;
  const message = err instanceof Error && err.message ? err.message : 'the tool failed';
  return toolsInvokeError('GW_ERR_TOOLS_INVOKE_TOOL_FAILED', message, {
    cause: err,
    ...(err instanceof PluginError ? { details: { toolErrorCode: err.code } } : {}),
  });
}
