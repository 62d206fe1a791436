import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** Every error the tools-invoke plugin raises itself (README.md lists them). */
export const TOOLS_INVOKE_ERRORS = {
  GW_ERR_TOOLS_INVOKE_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_INVOKE_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
} as const satisfies Record<string, { wire: WireErrorCode; status: number }>;

export function toolsInvokeError(code: keyof typeof TOOLS_INVOKE_ERRORS, message: string): PluginError {
  const spec = TOOLS_INVOKE_ERRORS[code];
  return new PluginError(code, spec.wire, message, { status: spec.status });
}

/**
 * The body of a failed invocation: `{ok:false, error:{type, message}}` with the status the
 * protocol names (400 bad input or tool failure, 404 unknown or not allowed, 503 no agent).
 */
export function failureBody(err: unknown): {
  status: number;
  body: { ok: false; error: { type: string; message: string; code?: string } };
} {
  const e = err as { status?: number; statusCode?: number; code?: string; wire?: string; message?: string };
  if (typeof e.wire === 'string' && typeof e.status === 'number') {
    const status = e.status >= 500 && e.wire !== 'UNAVAILABLE' ? 400 : e.status;
    const type =
      status === 404
        ? 'not_found'
        : status === 503
          ? 'unavailable'
          : e.wire === 'INVALID_REQUEST'
            ? 'invalid_request'
            : 'tool_error';
    return { status, body: { ok: false, error: { type, message: e.message ?? 'error', code: e.code } } };
  }
  if (e.statusCode && e.statusCode < 500) {
    const type =
      e.statusCode === 413 ? 'payload_too_large' : e.statusCode === 415 ? 'unsupported_media_type' : 'invalid_request';
    return { status: e.statusCode, body: { ok: false, error: { type, message: e.message ?? 'bad request' } } };
  }
  // A tool that throws a plain Error failed at its job: 400 with its message (never a stack).
  return { status: 400, body: { ok: false, error: { type: 'tool_error', message: e.message ?? 'tool failed' } } };
}
