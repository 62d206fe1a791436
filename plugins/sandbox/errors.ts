import { PluginError, type WireErrorCode } from '../../sdk/index.js';

/**
 * Every error the sandbox plugin raises: stable code → wire code and HTTP status. README.md lists
 * each one; errors.test.ts keeps the two in step.
 */
export const SANDBOX_ERRORS = {
  GW_ERR_SANDBOX_DOCKER_UNAVAILABLE: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_SANDBOX_IMAGE_MISSING: { wire: 'UNAVAILABLE', status: 503 },
  GW_ERR_SANDBOX_CREATE_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_SETUP_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_EXEC_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_FILE_FAILED: { wire: 'UNAVAILABLE', status: 502 },
  GW_ERR_SANDBOX_TARGET: { wire: 'INVALID_REQUEST', status: 400 },
} as const satisfies Record<string, { wire: WireErrorCode; status: number }>;

export type SandboxErrorCode = keyof typeof SANDBOX_ERRORS;

export function sandboxError(
  code: SandboxErrorCode,
  message: string,
  options: { details?: unknown; cause?: unknown } = {},
): PluginError {
  const spec = SANDBOX_ERRORS[code];
  return new PluginError(code, spec.wire, message, { ...options, status: spec.status });
}
