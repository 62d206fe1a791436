import { type AgentTool, type Static, Type } from '../../sdk/index.js';
import type { CronService } from './cron-service.js';
import { cronError } from './errors.js';
import { AddParams } from './job-schemas.js';

const CronToolParams = Type.Object(
  {
    action: Type.Union([
      Type.Literal('list'),
      Type.Literal('status'),
      Type.Literal('add'),
      Type.Literal('remove'),
      Type.Literal('run'),
    ]),
    job: Type.Optional(AddParams),
    jobId: Type.Optional(Type.String({ minLength: 1 })),
    includeDisabled: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

/**
 * The agent's `cron` tool: the assistant schedules (and lists, runs, removes) its own jobs,
 * e.g. a reminder. A job it adds runs as itself, and an agent turn it adds is announced to the
 * chat the user last talked on unless the job says otherwise.
 */
export function cronTool(cron: () => CronService): AgentTool {
  return {
    name: 'cron',
    description:
      'Schedule work for later: reminders and recurring tasks. action "add" with job {name, schedule, payload} where ' +
      'schedule is {kind:"at", at:"<ISO 8601 time, UTC unless an offset is given>"} (once), ' +
      '{kind:"every", everyMs} or {kind:"cron", expr:"0 9 * * 1-5", tz:"Europe/Berlin"}, and payload is ' +
      '{kind:"agentTurn", message:"<what to do then>"} (its reply is sent to the user) or {kind:"systemEvent", ' +
      'text} (a note for your main session). Also "list", "status", "run" and "remove" (with jobId).',
    dangerous: true,
    parameters: CronToolParams,
    execute(args: Static<typeof CronToolParams>, invocation) {
      const service = cron();
      switch (args.action) {
        case 'list':
          return { jobs: service.list({ includeDisabled: args.includeDisabled }).jobs.map(brief) };
        case 'status':
          return service.status();
        case 'add': {
          if (!args.job)
            throw cronError('GW_ERR_CRON_JOB_INVALID', 'action "add" needs "job" ({name, schedule, payload})', {
              field: 'job',
            });
          const job = { ...args.job };
          job.agentId ??= invocation.agentId;
          if (job.payload.kind === 'agentTurn' && !job.delivery) job.delivery = { mode: 'announce', channel: 'last' };
          return brief(service.add(job));
        }
        case 'remove':
          return service.remove(requireId(args.jobId, 'remove'));
        case 'run':
          return service.run(requireId(args.jobId, 'run'), 'force');
      }
    },
  };
}

function requireId(id: string | undefined, action: string): string {
  if (!id) throw cronError('GW_ERR_CRON_JOB_INVALID', `action "${action}" needs "jobId" (from action "list")`);
  return id;
}

/** What the model needs to see of a job. */
function brief(job: ReturnType<CronService['get']>): Record<string, unknown> {
  return {
    id: job.id,
    name: job.name,
    enabled: job.enabled,
    schedule: job.schedule,
    payload: job.payload,
    ...(job.delivery ? { delivery: job.delivery } : {}),
    nextRunAt: job.state.nextRunAtMs ? new Date(job.state.nextRunAtMs).toISOString() : undefined,
    lastRunStatus: job.state.lastRunStatus,
  };
}
