import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** Every error the canvas plugin raises itself (README.md lists them). */
export const CANVAS_ERRORS = {
  GW_ERR_CANVAS_BAD_NAME: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CANVAS_BAD_CONTENT: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CANVAS_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_CANVAS_ROOT: { wire: 'INTERNAL', status: 500 },
} as const satisfies Record<string, { wire: WireErrorCode; status: number }>;

export function canvasError(code: keyof typeof CANVAS_ERRORS, message: string, cause?: unknown): PluginError {
  const spec = CANVAS_ERRORS[code];
  return new PluginError(code, spec.wire, message, { status: spec.status, cause });
}
