import { defineErrors } from '../../sdk/index.js';

/** Every error the responses-http plugin raises itself (README.md lists them). */
const registry = defineErrors({
  GW_ERR_RESPONSES_HTTP_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_RESPONSES_HTTP_UNSUPPORTED: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_RESPONSES_HTTP_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_RESPONSES_HTTP_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
});

export const RESPONSES_HTTP_ERRORS = registry.codes;

export const responsesError = registry.create;
