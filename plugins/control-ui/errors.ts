import { defineErrors } from '../../sdk/index.js';

/** Every error the control-ui plugin raises itself (README.md lists them). */
const registry = defineErrors({
  GW_ERR_CONTROL_UI_NOT_BUILT: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_CONTROL_UI_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
});

export const CONTROL_UI_ERRORS = registry.codes;

export const controlUiError = registry.create;
