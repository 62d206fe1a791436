import { defineErrors, type HttpErrorBody, type PluginError } from '../../sdk/index.js';

/** Every error the hooks plugin answers with (README.md lists them; errors.test.ts keeps the two in step). */
const registry = defineErrors({
  GW_ERR_HOOKS_TOKEN_IN_QUERY: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_HOOKS_UNAUTHORIZED: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_HOOKS_RATE_LIMITED: { wire: 'RATE_LIMITED', status: 429 },
  GW_ERR_HOOKS_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_HOOKS_SESSION_KEY_REFUSED: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_HOOKS_BODY_TOO_LARGE: { wire: 'INVALID_REQUEST', status: 413 },
  GW_ERR_HOOKS_UNSUPPORTED_MEDIA_TYPE: { wire: 'INVALID_REQUEST', status: 415 },
  GW_ERR_HOOKS_MAPPING_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_HOOKS_METHOD_NOT_ALLOWED: { wire: 'INVALID_REQUEST', status: 405 },
  GW_ERR_HOOKS_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_HOOKS_TOKEN_REUSED: { wire: 'INVALID_REQUEST', status: 400 },
});

export const HOOKS_ERRORS = registry.codes;

export type HooksErrorCode = keyof typeof HOOKS_ERRORS;

export function hooksError(code: HooksErrorCode, message: string, retryAfterMs?: number): PluginError {
  return registry.create(code, message, retryAfterMs !== undefined ? { retryAfterMs } : {});
}

/**
 * The body of a refused hook: Moltbot's `{ok:false, error}`, plus our stable code — for the
 * plugin's own refusals and the kernel's on these routes (Host/Origin 403) alike.
 */
export const hooksErrorBody: HttpErrorBody = (e) => ({ ok: false, error: e.message, code: e.errorCode });
