import { defineErrors } from '../../sdk/index.js';

/** Every error the openai-http plugin raises (README.md lists them). */
const registry = defineErrors({
  GW_ERR_OPENAI_HTTP_BAD_REQUEST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_OPENAI_HTTP_UNSUPPORTED: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_OPENAI_HTTP_AGENT_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
});

export const OPENAI_HTTP_ERRORS = registry.codes;

export const openAiHttpError = registry.create;
