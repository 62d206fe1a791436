import { defineErrors } from '../../sdk/index.js';

/** Every error the browser plugin raises itself (README.md lists them). */
const registry = defineErrors({
  GW_ERR_BROWSER_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_BROWSER_PROFILE_UNKNOWN: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_BROWSER_PROFILE_EXISTS: { wire: 'INVALID_REQUEST', status: 409 },
  GW_ERR_BROWSER_PROFILE_CONFIGURED: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_BROWSER_NO_CDP_PORT: { wire: 'UNAVAILABLE', status: 507 },
  GW_ERR_BROWSER_NOT_RUNNING: { wire: 'UNAVAILABLE', status: 409 },
  GW_ERR_BROWSER_EXECUTABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_BROWSER_SANDBOX: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_BROWSER_CDP_PORT_IN_USE: { wire: 'UNAVAILABLE', status: 409 },
  GW_ERR_BROWSER_START_FAILED: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_BROWSER_TAB_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_BROWSER_REF_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_BROWSER_NAVIGATION_BLOCKED: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_BROWSER_ACTION_FAILED: { wire: 'INTERNAL', status: 500 },
  GW_ERR_BROWSER_RELAY_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_BROWSER_RELAY_UNAUTHORIZED: { wire: 'UNAUTHORIZED', status: 401 },
  GW_ERR_BROWSER_RELAY_ORIGIN: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_BROWSER_RELAY_TAKEN: { wire: 'INVALID_REQUEST', status: 409 },
  GW_ERR_BROWSER_RELAY_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
});

export const BROWSER_ERRORS = registry.codes;

export type BrowserErrorCode = keyof typeof BROWSER_ERRORS;

export const browserError = registry.create;
