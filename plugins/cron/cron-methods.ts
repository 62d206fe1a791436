import type { PluginContext } from '../../sdk/index.js';
import type { CronConfigT } from './config-schema.js';
import type { CronService } from './cron-service.js';
import { cronError } from './errors.js';
import {
  AddParams,
  ListParams,
  RemoveParams,
  RunParams,
  RunsParams,
  StatusParams,
  UpdateParams,
} from './job-schemas.js';

/** `{id}` or `{jobId}`: one of them names the job. */
function jobIdOf(p: { id?: string; jobId?: string }, method: string): string {
  const id = p.id ?? p.jobId;
  if (!id)
    throw cronError('GW_ERR_CRON_JOB_INVALID', `${method} needs "id" (or "jobId"): the job's id from cron.list`, {
      field: 'id',
    });
  return id;
}

/** `cron.list|status|runs` (operator.read) and `cron.add|update|remove|run` (operator.admin). */
export function registerCronMethods(ctx: PluginContext<CronConfigT>, cron: CronService): void {
  ctx.methods.register('cron.list', {
    scope: 'operator.read',
    params: ListParams,
    description: 'Jobs, next run first: {jobs, total, offset, limit, hasMore}.',
    handler: (p) => cron.list(p),
  });
  ctx.methods.register('cron.status', {
    scope: 'operator.read',
    params: StatusParams,
    description: 'Scheduler state: {enabled, jobs, running, nextWakeAtMs}.',
    handler: () => cron.status(),
  });
  ctx.methods.register('cron.runs', {
    scope: 'operator.read',
    params: RunsParams,
    description: 'Run history of a job (or all): {entries, total, offset, limit, hasMore}, newest first.',
    handler: (p) => cron.runs(p),
  });
  ctx.methods.register('cron.add', {
    scope: 'operator.admin',
    params: AddParams,
    description: 'Add a job (schedule at/every/cron, payload systemEvent/agentTurn); answers the stored job.',
    handler: (p) => cron.add(p),
  });
  ctx.methods.register('cron.update', {
    scope: 'operator.admin',
    params: UpdateParams,
    description: 'Change a job: {id, patch}; answers the stored job.',
    handler: (p) => cron.update(jobIdOf(p, 'cron.update'), p.patch),
  });
  ctx.methods.register('cron.remove', {
    scope: 'operator.admin',
    params: RemoveParams,
    description: 'Remove a job and its history: {ok, removed}.',
    handler: (p) => cron.remove(jobIdOf(p, 'cron.remove')),
  });
  ctx.methods.register('cron.run', {
    scope: 'operator.admin',
    params: RunParams,
    description:
      'Run a job now (mode "force") or only if due (mode "due", the default); idempotencyKey makes a repeat ' +
      'return the first run. {ok, ran, runId?, reason?}',
    handler: (p) => cron.run(jobIdOf(p, 'cron.run'), p.mode ?? 'due', p.idempotencyKey),
  });
}
