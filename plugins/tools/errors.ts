import { defineErrors } from '../../sdk/index.js';

/**
 * Every error the tools plugin raises: stable code → wire code and HTTP status. README.md lists
 * each one; errors.test.ts keeps the two in step. Tool errors reach the model as the tool result.
 */
const registry = defineErrors({
  GW_ERR_TOOLS_PATH_OUTSIDE: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_PATH_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_TOOLS_PATH_KIND: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_BINARY_FILE: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_FILE_TOO_LARGE: { wire: 'INVALID_REQUEST', status: 413 },
  GW_ERR_TOOLS_EDIT_NOT_FOUND: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_EDIT_AMBIGUOUS: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_PATCH_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_PATCH_FAILED: { wire: 'INVALID_REQUEST', status: 409 },
  GW_ERR_TOOLS_READ_ONLY: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_TOOLS_EXEC_DENIED: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_TOOLS_EXEC_NOT_APPROVED: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_TOOLS_EXEC_START: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_PROCESS_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_TOOLS_SANDBOX_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_TOOLS_WEB_DISABLED: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_TOOLS_WEB_BLOCKED: { wire: 'FORBIDDEN', status: 403 },
  GW_ERR_TOOLS_WEB_URL: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_WEB_ALLOW_ADDRESS: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_WEB_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_TOOLS_APPROVAL_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
  GW_ERR_TOOLS_APPROVAL_AMBIGUOUS: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_TOOLS_APPROVALS_CONFLICT: { wire: 'INVALID_REQUEST', status: 409 },
  GW_ERR_TOOLS_APPROVALS_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
});

export const TOOLS_ERRORS = registry.codes;

export type ToolsErrorCode = keyof typeof TOOLS_ERRORS;

export const toolsError = registry.create;
