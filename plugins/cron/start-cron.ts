import type { PluginContext } from '../../sdk/index.js';
import type { CronConfigT } from './config-schema.js';
import { registerCronMethods } from './cron-methods.js';
import { agentTurnRun, systemEventRun } from './cron-run.js';
import { CronScheduler } from './cron-scheduler.js';
import { CronService } from './cron-service.js';
import { cronTool } from './cron-tool.js';
import { JobStore } from './job-store.js';
import { CRON_MIGRATIONS } from './migrations.js';

/** History of removed one-shots is kept this long. */
const ORPHAN_RUNS_MS = 30 * 86_400_000;
/** `cron` events carry job names and reply summaries: operators with read access only. */
const READERS = {
  filter: (caller: { role: string; scopes: readonly string[] }) =>
    caller.role === 'operator' &&
    caller.scopes.some((s) => s === 'operator.read' || s === 'operator.write' || s === 'operator.admin'),
};

/** Wire one generation of the cron plugin. */
export function startCron(ctx: PluginContext<CronConfigT>): void {
  ctx.store.migrate(CRON_MIGRATIONS);
  const store = new JobStore(ctx.store.db);
  const emit = (event: Record<string, unknown>) => ctx.events.emit('cron', event, READERS);
  const runDeps = {
    agent: () => ctx.services.get('agent'),
    heartbeat: () => ctx.services.get('heartbeat'),
    outbound: () => ctx.services.get('outbound'),
    channels: ctx.channels,
  };
  const scheduler = new CronScheduler({
    store,
    config: ctx.config,
    logger: ctx.logger,
    emit,
    track: (work) => ctx.lease.track(work),
    // Services are looked up per run: a reloaded agent or delivery plugin is used at once.
    inline: (job) => systemEventRun(job, runDeps),
    execute: (claim) => agentTurnRun(claim, runDeps),
  });
  const service = new CronService({
    store,
    scheduler,
    emit,
    validation: () => ({
      now: Date.now(),
      channels: ctx.channels.list().map((c) => c.id),
      agents: ctx.services
        .get('agent')
        ?.agents?.()
        .map((a) => a.id),
    }),
  });
  ctx.events.declare('cron');
  registerCronMethods(ctx, service);
  ctx.tools.register(cronTool(() => service));
  ctx.lease.defer('cron scheduler', () => scheduler.stop());
  ctx.onDrain(() => scheduler.stop());
  scheduler.start();
  ctx.lease.interval('cron history prune', 3_600_000, () => {
    const removed = store.pruneOrphanRuns(Date.now() - ORPHAN_RUNS_MS);
    if (removed) ctx.logger.info({ removed }, 'pruned the run history of removed cron jobs');
  });
}
