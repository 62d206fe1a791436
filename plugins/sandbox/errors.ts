import { defineErrors } from '../../sdk/index.js';

/**
 * Every error the sandbox plugin raises: stable code → wire code and HTTP status. README.md lists
 * each one; errors.test.ts keeps the two in step.
 */
const registry = defineErrors({
  GW_ERR_SANDBOX_DOCKER_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_SANDBOX_IMAGE_MISSING: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_SANDBOX_CREATE_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_SETUP_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_EXEC_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_FILE_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_TARGET: { wire: 'INVALID_REQUEST', status: 400 },
});

export const SANDBOX_ERRORS = registry.codes;

export type SandboxErrorCode = keyof typeof SANDBOX_ERRORS;

export const sandboxError = registry.create;
