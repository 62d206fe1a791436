import crypto from 'node:crypto';
import type { Static } from '../../sdk/index.js';
import type { CronScheduler, RunNowResult } from './cron-scheduler.js';
import { cronError } from './errors.js';
import type { AddParams, ListParams, PatchShape, RunsParams } from './job-schemas.js';
import type { JobStore } from './job-store.js';
import type { CronJob, RunEntry } from './job-types.js';
import { type ValidationContext, validateJob } from './job-validation.js';
import { nextSlotAfter } from './schedule.js';

type AddInput = Static<typeof AddParams>;
type PatchInput = Static<typeof PatchShape>;

/**
 * What `cron.*` methods and the agent's `cron` tool do: validate, store, tell the scheduler,
 * announce the change (`cron` event). Nothing invalid is stored.
 */
export class CronService {
  constructor(
    private readonly deps: {
      store: JobStore;
      scheduler: CronScheduler;
      validation: () => ValidationContext;
      emit(event: Record<string, unknown>): void;
    },
  ) {}

  add(input: AddInput): CronJob {
    const ctx = this.deps.validation();
    const spec = validateJob(input, ctx);
    const now = ctx.now;
    const next = spec.enabled ? nextSlotAfter(spec.schedule, now, now) : undefined;
    const job: CronJob = {
      id: crypto.randomUUID(),
      ...spec,
      createdAtMs: now,
      updatedAtMs: now,
      state: next !== undefined ? { nextRunAtMs: next } : {},
    };
    // A disabled job keeps its next slot unset; enabling it computes one.
    this.deps.store.insert(job);
    this.deps.scheduler.poke();
    this.deps.emit({ jobId: job.id, action: 'added', ...(next !== undefined ? { nextRunAtMs: next } : {}) });
    return this.get(job.id);
  }

  update(id: string, patch: PatchInput): CronJob {
    const current = this.get(id);
    const ctx = this.deps.validation();
    const merged = mergePatch(current, patch);
    // A one-shot whose time has passed may still be renamed or disabled; a new or re-enabled
    // schedule must lie ahead.
    const timeMatters = patch.schedule !== undefined || (patch.enabled === true && !current.enabled);
    const spec = validateJob(merged, timeMatters ? ctx : { ...ctx, now: 0 });
    const scheduleChanged = JSON.stringify(spec.schedule) !== JSON.stringify(current.schedule);
    const enabling = spec.enabled && !current.enabled;
    let next = current.state.nextRunAtMs;
    if (!spec.enabled) next = undefined;
    else if (scheduleChanged || enabling || next === undefined)
      next = nextSlotAfter(spec.schedule, ctx.now, current.createdAtMs);
    const job: CronJob = {
      ...spec,
      id: current.id,
      createdAtMs: current.createdAtMs,
      updatedAtMs: ctx.now,
      state: { ...current.state, nextRunAtMs: next },
    };
    this.deps.store.update(job);
    this.deps.scheduler.poke();
    this.deps.emit({ jobId: id, action: 'updated', ...(next !== undefined ? { nextRunAtMs: next } : {}) });
    return this.get(id);
  }

  remove(id: string): { ok: true; removed: boolean } {
    const removed = this.deps.store.remove(id);
    if (removed) {
      this.deps.scheduler.poke();
      this.deps.emit({ jobId: id, action: 'removed' });
    }
    return { ok: true, removed };
  }

  get(id: string): CronJob {
    const job = this.deps.store.get(id);
    if (!job)
      throw cronError('GW_ERR_CRON_JOB_NOT_FOUND', `no cron job "${id}" (cron.list shows the ids)`, { field: 'id' });
    return job;
  }

  run(id: string, mode: 'due' | 'force', idempotencyKey?: string): RunNowResult {
    return this.deps.scheduler.runNow(this.get(id), mode, idempotencyKey);
  }

  list(p: Static<typeof ListParams>): {
    jobs: CronJob[];
    total: number;
    offset: number;
    limit: number;
    hasMore: boolean;
  } {
    const limit = p.limit ?? 1000;
    const offset = p.offset ?? 0;
    const enabled = p.enabled ?? (p.includeDisabled ? 'all' : 'enabled');
    const { jobs, total } = this.deps.store.list({
      enabled,
      query: p.query?.trim() || undefined,
      sortBy: p.sortBy ?? 'nextRunAtMs',
      sortDir: p.sortDir ?? 'asc',
      limit,
      offset,
    });
    return { jobs, total, offset, limit, hasMore: offset + jobs.length < total };
  }

  status(): { enabled: true; storage: 'sqlite'; jobs: number; running: number; nextWakeAtMs: number | null } {
    return {
      enabled: true,
      storage: 'sqlite',
      jobs: this.deps.store.count(),
      running: this.deps.scheduler.running,
      nextWakeAtMs: this.deps.store.nextDueAt() ?? null,
    };
  }

  runs(p: Static<typeof RunsParams>): {
    entries: RunEntry[];
    total: number;
    offset: number;
    limit: number;
    hasMore: boolean;
  } {
    const jobId = p.scope === 'all' ? undefined : (p.id ?? p.jobId);
    const limit = p.limit ?? 200;
    const offset = p.offset ?? 0;
    const statuses = p.statuses ?? (p.status && p.status !== 'all' ? [p.status] : undefined);
    const { entries, total } = this.deps.store.runs({ jobId, statuses, limit, offset, sortDir: p.sortDir ?? 'desc' });
    return { entries, total, offset, limit, hasMore: offset + entries.length < total };
  }
}

/** A job with a patch applied: schedule replaced whole; payload and delivery merged field by field. */
function mergePatch(job: CronJob, patch: PatchInput): AddInput {
  const payload =
    patch.payload && patch.payload.kind !== job.payload.kind
      ? patch.payload
      : { ...job.payload, ...(patch.payload ?? {}) };
  const delivery = patch.delivery ? { ...(job.delivery ?? {}), ...patch.delivery } : job.delivery;
  const pick = <K extends keyof PatchInput>(k: K, fallback: unknown) => (k in patch ? patch[k] : fallback);
  return {
    name: (patch.name ?? job.name) as string,
    description: pick('description', job.description) as string | undefined,
    enabled: (patch.enabled ?? job.enabled) as boolean,
    agentId: pick('agentId', job.agentId) as string | null | undefined,
    sessionKey: pick('sessionKey', job.sessionKey) as string | null | undefined,
    deleteAfterRun: (patch.deleteAfterRun ?? job.deleteAfterRun) as boolean | undefined,
    schedule: (patch.schedule ?? job.schedule) as AddInput['schedule'],
    sessionTarget: patch.sessionTarget ?? job.sessionTarget,
    wakeMode: patch.wakeMode ?? job.wakeMode,
    payload: payload as AddInput['payload'],
    ...(delivery ? { delivery: delivery as AddInput['delivery'] } : {}),
  };
}
