import { defineErrors, type PluginError } from '../../sdk/index.js';

/** Every error the cron plugin raises (README.md lists them; errors.test.ts keeps the two in step). */
const registry = defineErrors({
  GW_ERR_CRON_JOB_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CRON_SCHEDULE_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CRON_TIMEZONE_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CRON_AT_IN_PAST: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CRON_CHANNEL_UNKNOWN: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CRON_AGENT_UNKNOWN: { wire: 'INVALID_REQUEST', status: 400 },
  GW_ERR_CRON_JOB_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
});

export const CRON_ERRORS = registry.codes;

export type CronErrorCode = keyof typeof CRON_ERRORS;

/**
 * A refused job names the field that is wrong and shows a valid value (`details.field`,
 * `details.example`), so a client can point at the input and a user can copy the fix.
 */
export function cronError(
  code: CronErrorCode,
  message: string,
  details?: { field?: string; example?: unknown; [key: string]: unknown },
): PluginError {
  return registry.create(code, message, details ? { details } : {});
}
