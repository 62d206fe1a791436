import { defineErrors, PluginError } from '../../sdk/index.js';

/**
 * Every error the agent plugin raises: stable code → wire code and HTTP status. README.md lists
 * each one; errors.test.ts keeps the two in step.
 */
const registry = defineErrors({
  GW_ERR_AGENT_NO_PROVIDER: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_AGENT_MODEL_REF: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_MODEL_UNKNOWN: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_AGENT_UNKNOWN: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_AGENT_PROVIDER_AUTH: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_AGENT_PROVIDER_UNREACHABLE: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_AGENT_PROVIDER_RATE_LIMITED: { wire: 'RATE_LIMITED', status: 429 },
  GW_ERR_AGENT_PROVIDER_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_AGENT_PROVIDER_TIMEOUT: { wire: 'UNAVAILABLE', status: 504 },
  GW_ERR_AGENT_PROVIDER_RESPONSE: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_AGENT_API_KEY_MISSING: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_AGENT_TIMEOUT: { wire: 'AGENT_TIMEOUT', status: 504 },
  GW_ERR_AGENT_ABORTED: { wire: 'UNAVAILABLE', status: 499 },
  GW_ERR_AGENT_SHUTDOWN: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_AGENT_STEP_LIMIT: { wire: 'INTERNAL', status: 500 },
  GW_ERR_AGENT_CONTEXT_OVERFLOW: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_QUEUE_FULL: { wire: 'RATE_LIMITED', status: 429 },
  GW_ERR_AGENT_DRAINING: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_AGENT_SESSION_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_AGENT_SESSION_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_RUN_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_AGENT_RUN_ID_IN_USE: { wire: 'INVALID_REQUEST', status: 409 },
  GW_ERR_AGENT_IMAGE_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_IMAGE_UNSUPPORTED: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_TOOL_RESULT_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_TOOL_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_AGENT_TOOL_DENIED: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_AGENT_TOOL_ARGS: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_AGENT_NOT_LINKED: { wire: 'NOT_LINKED', status: 409 },
  GW_ERR_AGENT_OUTBOUND_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_AGENT_NOTHING_TO_COMPACT: { wire: 'INVALID_REQUEST', status: 400 },
});

export const AGENT_ERRORS = registry.codes;

export type AgentErrorCode = keyof typeof AGENT_ERRORS;

export const agentError = registry.create;

export function isPluginError(err: unknown): err is PluginError {
  return err instanceof PluginError;
}
