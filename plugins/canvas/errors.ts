import { defineErrors, type PluginError } from '../../sdk/index.js';

/** Every error the canvas plugin raises itself (README.md lists them). */
const registry = defineErrors({
  GW_ERR_CANVAS_BAD_NAME: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CANVAS_BAD_CONTENT: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CANVAS_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_CANVAS_ROOT: { wire: 'INTERNAL', status: 500 },
  GW_ERR_CANVAS_NO_NODE: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CANVAS_NODE_UNREACHABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_CANVAS_NODES_OFF: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_CANVAS_BAD_SNAPSHOT: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_CANVAS_AUTH_REQUIRED: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_CANVAS_AUTH_INVALID: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_CANVAS_RATE_LIMITED: { wire: 'RATE_LIMITED', status: 429 },
  GW_ERR_CANVAS_FILE_MISSING: { wire: 'NOT_FOUND', status: 404 },
});

export const CANVAS_ERRORS = registry.codes;

export function canvasError(
  code: keyof typeof CANVAS_ERRORS,
  message: string,
  options: { cause?: unknown; retryAfterMs?: number } = {},
): PluginError {
  return registry.create(code, message, options);
}
