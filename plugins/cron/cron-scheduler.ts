import crypto from 'node:crypto';
import type { Logger } from 'pino';
import type { CronConfigT } from './config-schema.js';
import type { JobStore, RunOutcome, RunRecord, RunResult } from './job-store.js';
import type { CronJob, RunTrigger } from './job-types.js';
import { nextSlotAfter, slotsBetween } from './schedule.js';

/** A run that has its row (status `running`) committed and may start. */
export interface ClaimedRun {
  run: RunRecord;
  job: CronJob;
}

interface ClaimBatch {
  claims: ClaimedRun[];
  inline: Array<{ claim: ClaimedRun; outcome: RunOutcome; deleted: boolean }>;
  more: boolean;
}

export type RunNowResult =
  | { ok: true; ran: true; runId: string; duplicate?: boolean }
  | { ok: true; ran: false; reason: 'not-due' | 'already-running' };

/**
 * Runs in flight in this process, across generations of the plugin: run id → job id, and the
 * job ids that have one. A reload must not mark them interrupted, nor start a job a second time.
 */
const liveRuns = new Map<string, string>();
const liveJobs = new Set<string>();
/** Schedulers that may claim (at most two: the current generation and one being swapped in). */
const schedulers = new Set<CronScheduler>();
/** When the scheduler came up after a stretch with none running: slots before it were missed. */
let upSince = 0;

/** setTimeout's longest delay; a job further out re-arms on the way. */
const MAX_TIMER_MS = 2 ** 31 - 1;
/** Due jobs read per query while claiming. */
const CLAIM_BATCH = 200;
/** How often a saturated scheduler looks for due jobs that need no run slot. */
const SATURATED_POLL_MS = 1000;

export interface SchedulerDeps {
  store: JobStore;
  config: CronConfigT;
  logger: Logger;
  /**
   * A job that runs synchronously (a system line): its result, stored in the commit that claims
   * it. Undefined for jobs that run asynchronously (agent turns) through `execute`.
   */
  inline(job: CronJob): RunResult | undefined;
  /** Run a claimed job; resolves with its result (a rejection is recorded as an error). */
  execute(claim: ClaimedRun): Promise<RunResult>;
  emit(event: Record<string, unknown>): void;
  /** Draining waits for tracked work. */
  track<T>(work: Promise<T>): Promise<T>;
}

/**
 * One timer for the job due next (an index lookup, so 10,000 idle jobs cost nothing between
 * slots). When it fires, due jobs are claimed in one transaction — each claim moves the job to
 * its next slot with a compare-and-set and records the run under a (job, slot) unique key —
 * and only then run. Two timers (a reload's two generations), a restart or a repeated
 * `cron.run` therefore never run one slot twice; a run cut by `kill -9` stays claimed and is
 * marked `interrupted` at the next start, not run again.
 */
export class CronScheduler {
  private timer?: NodeJS.Timeout;
  private soon?: NodeJS.Immediate;
  private stopped = false;

  constructor(private readonly deps: SchedulerDeps) {}

  start(now = Date.now()): void {
    const cold = schedulers.size === 0;
    schedulers.add(this);
    if (cold) upSince = now;
    const interrupted = this.deps.store.markInterrupted(new Set(liveRuns.keys()), now);
    if (interrupted.length) {
      this.deps.logger.warn({ runs: interrupted }, 'cron runs cut short by the previous process marked "interrupted"');
      for (const r of interrupted)
        this.deps.emit({ jobId: r.jobId, action: 'finished', runId: r.runId, status: 'error', error: 'interrupted' });
    }
    if (cold) this.catchUp(now);
    this.arm();
  }

  /** No new claims (draining, retired); runs in flight finish on their own. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.soon) clearImmediate(this.soon);
    schedulers.delete(this);
  }

  /** A job was added, changed or removed: look at the next due time again. */
  poke(): void {
    this.arm();
  }

  get running(): number {
    return liveRuns.size;
  }

  isRunning(jobId: string): boolean {
    return liveJobs.has(jobId);
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.stopped) return;
    const next = this.deps.store.nextDueAt();
    if (next === undefined) return;
    let delay = Math.min(Math.max(0, next - Date.now()), MAX_TIMER_MS);
    // Every run slot taken: the due agent turns wait for a run to end (which ticks at once);
    // meanwhile look again each second, for system lines that need no slot.
    if (liveRuns.size >= this.deps.config.maxConcurrentRuns) delay = Math.max(delay, SATURATED_POLL_MS);
    this.timer = setTimeout(() => this.tick(), delay);
  }

  /** Runs that end together (a burst) make one tick, so their successors are claimed in one commit. */
  private tickSoon(): void {
    if (this.stopped || this.soon) return;
    this.soon = setImmediate(() => {
      this.soon = undefined;
      this.tick();
    });
  }

  private tick(): void {
    if (this.stopped) return;
    try {
      for (;;) {
        // One commit for the batch: each run's row is durable before its job starts.
        const batch = this.deps.store.transaction(() => this.claimDue(Date.now()));
        this.startBatch(batch);
        if (!batch.more) break;
      }
    } catch (err) {
      this.deps.logger.error({ err }, 'cron tick failed');
    }
    this.arm();
  }

  /**
   * Claim what is due and fits (inside the caller's transaction). A synchronous job (a system
   * line) is claimed, run and ended right here, in that same commit; agent turns are claimed
   * while run slots are free. `more`: another batch may be due.
   */
  private claimDue(now: number): ClaimBatch {
    const capacity = this.deps.config.maxConcurrentRuns - liveRuns.size;
    const batch: ClaimBatch = { claims: [], inline: [], more: false };
    const lines = this.deps.store.due(now, CLAIM_BATCH, 'systemEvent');
    for (const job of lines) {
      const claim = this.claimSlot(job, now);
      if (!claim) continue;
      const result = this.deps.inline(job);
      if (!result) {
        batch.claims.push(claim);
        continue;
      }
      const { deleted } = this.deps.store.finishRun(claim.run, result, now, this.deps.config.runHistory);
      batch.inline.push({ claim, outcome: result.outcome, deleted });
    }
    const turns = this.deps.store.due(now, Math.min(capacity, CLAIM_BATCH), 'agentTurn');
    for (const job of turns) {
      const claim = this.claimSlot(job, now);
      if (claim) batch.claims.push(claim);
    }
    batch.more = lines.length === CLAIM_BATCH || (turns.length === CLAIM_BATCH && capacity > CLAIM_BATCH);
    return batch;
  }

  /** After the commit: announce the ended system lines, start the claimed turns. */
  private startBatch(batch: ClaimBatch): void {
    for (const done of batch.inline) {
      this.announceStart(done.claim);
      this.announceEnd(done.claim, done.outcome, done.claim.run.startedAtMs, done.deleted);
    }
    for (const c of batch.claims) this.launch(c);
  }

  /**
   * Claim the job's due slot (inside a transaction): advance it to the next slot, then record
   * the run. A job whose previous run still goes gets this slot recorded as `skipped`.
   */
  private claimSlot(job: CronJob, now: number, trigger?: RunTrigger): ClaimedRun | undefined {
    const slot = job.state.nextRunAtMs!;
    let next: number | undefined;
    try {
      next = nextSlotAfter(job.schedule, Math.max(now, slot), job.createdAtMs);
    } catch (err) {
      // A schedule that cannot be computed (it validated when stored) must not spin the timer.
      this.deps.store.advance(job.id, slot, undefined);
      const error = `schedule failed: ${(err as Error).message}`;
      this.deps.store.recordLast(job.id, now, { status: 'error', error, deliveryStatus: 'not-requested' }, 0);
      this.deps.logger.error({ err, jobId: job.id }, 'cron job disabled: its schedule could not be computed');
      return undefined;
    }
    const missedSlots = slotsBetween(job.schedule, slot, now, job.createdAtMs);
    const busy = liveJobs.has(job.id);
    if (!this.deps.store.advance(job.id, slot, next, busy ? undefined : now)) return undefined;
    const run: RunRecord = {
      id: crypto.randomUUID(),
      jobId: job.id,
      jobName: job.name,
      slot: `s:${slot}`,
      trigger: trigger ?? (slot < upSince ? 'catch-up' : 'schedule'),
      runAtMs: slot,
      startedAtMs: now,
      status: 'running',
      missedSlots,
    };
    if (busy) {
      const outcome: RunOutcome = {
        status: 'skipped',
        error: 'the previous run is still going',
        deliveryStatus: 'not-requested',
      };
      if (this.deps.store.insertRun(run, outcome, now)) {
        this.deps.store.recordLast(job.id, now, outcome, 0);
        this.deps.logger.info({ jobId: job.id, runAtMs: slot }, 'cron slot skipped: the previous run is still going');
        queueMicrotask(() =>
          this.deps.emit({ jobId: job.id, action: 'finished', runId: run.id, runAtMs: slot, ...outcome }),
        );
      }
      return undefined;
    }
    if (!this.deps.store.insertRun(run)) return undefined;
    if (missedSlots > 0)
      this.deps.logger.info(
        { jobId: job.id, runAtMs: slot, missedSlots },
        'cron job ran late: one run stands in for the slots it missed',
      );
    return { run, job };
  }

  /** `cron.run`: `due` claims the due slot like the timer would; `force` runs now, once per idempotency key. */
  runNow(job: CronJob, mode: 'due' | 'force', idempotencyKey?: string): RunNowResult {
    const now = Date.now();
    if (mode === 'due') {
      if (liveJobs.has(job.id)) return { ok: true, ran: false, reason: 'already-running' };
      if (!job.enabled || job.state.nextRunAtMs === undefined || job.state.nextRunAtMs > now)
        return { ok: true, ran: false, reason: 'not-due' };
      const claim = this.deps.store.transaction(() => this.claimSlot(job, now));
      if (!claim) return { ok: true, ran: false, reason: 'not-due' };
      this.launch(claim);
      return { ok: true, ran: true, runId: claim.run.id };
    }
    const runId = crypto.randomUUID();
    const slot = `m:${idempotencyKey ?? runId}`;
    const seen = this.deps.store.runBySlot(job.id, slot);
    if (seen) return { ok: true, ran: true, runId: seen.runId, duplicate: true };
    if (liveJobs.has(job.id)) return { ok: true, ran: false, reason: 'already-running' };
    const run: RunRecord = {
      id: runId,
      jobId: job.id,
      jobName: job.name,
      slot,
      trigger: 'manual',
      runAtMs: now,
      startedAtMs: now,
      status: 'running',
    };
    const claimed = this.deps.store.transaction(() => {
      if (!this.deps.store.insertRun(run)) return false;
      this.deps.store.setRunning(job.id, now);
      return true;
    });
    if (!claimed) {
      const first = this.deps.store.runBySlot(job.id, slot);
      return { ok: true, ran: true, runId: first?.runId ?? runId, duplicate: true };
    }
    this.launch({ run, job });
    return { ok: true, ran: true, runId };
  }

  /** Start a claimed run (its row is committed). Manual runs of any kind come here too. */
  private launch(claim: ClaimedRun): void {
    const { run, job } = claim;
    liveRuns.set(run.id, job.id);
    liveJobs.add(job.id);
    this.announceStart(claim);
    const work = (async () => {
      let result: RunResult;
      try {
        result = this.deps.inline(job) ?? (await this.deps.execute(claim));
      } catch (err) {
        this.deps.logger.error({ err, jobId: job.id, runId: run.id }, 'cron run failed unexpectedly');
        result = { outcome: { status: 'error', error: (err as Error).message, deliveryStatus: 'unknown' } };
      }
      this.finish(claim, result);
    })();
    void this.deps.track(work);
  }

  private finish(claim: ClaimedRun, result: RunResult): void {
    const { run, job } = claim;
    const ended = Date.now();
    let deleted = false;
    let next: ClaimBatch | undefined;
    // The current scheduler claims the successors in the commit that ends this run: one
    // commit instead of two per run when a burst keeps every slot busy.
    const heir = latestScheduler();
    liveRuns.delete(run.id);
    liveJobs.delete(job.id);
    try {
      this.deps.store.transaction(() => {
        ({ deleted } = this.deps.store.finishRun(run, result, ended, this.deps.config.runHistory));
        if (heir && !heir.stopped) next = heir.claimDue(ended);
      });
    } catch (err) {
      // Only when the store is gone (the gateway stopping): the next start marks it interrupted.
      this.deps.logger.error({ err, jobId: job.id, runId: run.id }, 'could not record the end of a cron run');
    }
    this.announceEnd(claim, result.outcome, ended, deleted);
    if (heir && next) {
      heir.startBatch(next);
      if (next.more) heir.tickSoon();
      heir.arm();
    }
    // Any scheduler that may claim looks again.
    for (const s of schedulers) if (s !== heir) s.tickSoon();
  }

  private announceStart({ run, job }: ClaimedRun): void {
    (latestScheduler() ?? this).deps.emit({ jobId: job.id, action: 'started', runId: run.id, runAtMs: run.runAtMs });
  }

  private announceEnd({ run, job }: ClaimedRun, outcome: RunOutcome, ended: number, deleted: boolean): void {
    const log = { jobId: job.id, runId: run.id, status: outcome.status, durationMs: ended - run.startedAtMs };
    if (outcome.status === 'error') this.deps.logger.warn({ ...log, error: outcome.error }, 'cron run failed');
    else this.deps.logger.info(log, 'cron run finished');
    const current = latestScheduler() ?? this;
    let nextRunAtMs: number | undefined;
    try {
      nextRunAtMs = deleted ? undefined : this.deps.store.get(job.id)?.state.nextRunAtMs;
    } catch {
      nextRunAtMs = undefined;
    }
    current.deps.emit({
      jobId: job.id,
      action: 'finished',
      runId: run.id,
      runAtMs: run.runAtMs,
      durationMs: ended - run.startedAtMs,
      ...outcome,
      ...(nextRunAtMs !== undefined ? { nextRunAtMs } : {}),
    });
    if (deleted) current.deps.emit({ jobId: job.id, action: 'removed', reason: 'deleteAfterRun' });
  }

  /** After downtime: "once" lets one run stand in for the missed slots; "skip" records them skipped. */
  private catchUp(now: number): void {
    const overdue = this.deps.store.overdue(now);
    if (overdue.length === 0) return;
    const mode = this.deps.config.catchUp;
    for (const job of overdue) {
      const slot = job.state.nextRunAtMs!;
      const missed = 1 + slotsBetween(job.schedule, slot, now, job.createdAtMs);
      if (mode === 'once') {
        this.deps.logger.info(
          { jobId: job.id, name: job.name, missedSlots: missed },
          'cron slots missed while the gateway was down: running once (cron.catchUp "once")',
        );
        continue;
      }
      this.deps.store.transaction(() => {
        const next = nextSlotAfter(job.schedule, now, job.createdAtMs);
        if (!this.deps.store.advance(job.id, slot, next)) return;
        const outcome: RunOutcome = {
          status: 'skipped',
          error: `missed ${missed} slot(s) while the gateway was down (cron.catchUp "skip")`,
          deliveryStatus: 'not-requested',
        };
        const run: RunRecord = {
          id: crypto.randomUUID(),
          jobId: job.id,
          jobName: job.name,
          slot: `s:${slot}`,
          trigger: 'catch-up',
          runAtMs: slot,
          startedAtMs: now,
          status: 'skipped',
          missedSlots: missed - 1,
        };
        if (this.deps.store.insertRun(run, outcome, now)) this.deps.store.recordLast(job.id, now, outcome, 0);
      });
      this.deps.logger.info(
        { jobId: job.id, name: job.name, missedSlots: missed },
        'cron slots missed while the gateway was down: skipped (cron.catchUp "skip")',
      );
    }
  }
}

function latestScheduler(): CronScheduler | undefined {
  let last: CronScheduler | undefined;
  for (const s of schedulers) last = s;
  return last;
}
