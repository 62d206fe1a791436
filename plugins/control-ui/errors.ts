import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/** Every error the control-ui plugin raises itself (README.md lists them). */
export const CONTROL_UI_ERRORS = {
  GW_ERR_CONTROL_UI_NOT_BUILT: { wire: 'UNAVAILABLE', status: 503 },
} as const satisfies Record<string, { wire: WireErrorCode; status: number }>;

export function controlUiError(code: keyof typeof CONTROL_UI_ERRORS, message: string): PluginError {
  const spec = CONTROL_UI_ERRORS[code];
  return new PluginError(code, spec.wire, message, { status: spec.status });
}
