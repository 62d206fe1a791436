import { defineErrors } from '../../sdk/index.js';

/** Every error the nodes plugin raises itself (README.md lists them). */
const registry = defineErrors({
  GW_ERR_NODES_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_NODES_NOT_CONNECTED: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_NODES_COMMAND_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_NODES_INVOKE_TIMEOUT: { wire: 'AGENT_TIMEOUT', status: 504 },
  GW_ERR_NODES_NODE_GONE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_NODES_COMMAND_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_NODES_RESULT_REFUSED: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_NODES_RESULT_UNKNOWN: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_NODES_BAD_PAYLOAD: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_NODES_REQUEST_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_NODES_AMBIGUOUS: { wire: 'INVALID_REQUEST', status: 400 },
});

export const NODES_ERRORS = registry.codes;

export type NodesErrorCode = keyof typeof NODES_ERRORS;

/** `wire` passes a node's own wire code through (GW_ERR_NODES_COMMAND_FAILED); the status stays the code's. */
export const nodesError = registry.create;
