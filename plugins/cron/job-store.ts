import type { Database, Statement } from 'better-sqlite3';
import { preparedStatement } from '../../sdk/index.js';
import type { CronJob, DeliveryStatus, JobState, RunEntry, RunStatus, RunTrigger } from './job-types.js';

/** A run's row: `slot` makes (job, slot) unique, which is what "exactly once per slot" rests on. */
export interface RunRecord {
  id: string;
  jobId: string;
  jobName: string;
  /** `s:<runAtMs>` for a scheduled slot, `m:<idempotency key or run id>` for `cron.run`. */
  slot: string;
  trigger: RunTrigger;
  runAtMs: number;
  startedAtMs: number;
  status: RunStatus | 'running';
  error?: string;
  summary?: string;
  sessionKey?: string;
  missedSlots?: number;
}

export interface RunOutcome {
  status: RunStatus;
  error?: string;
  summary?: string;
  sessionKey?: string;
  deliveryStatus: DeliveryStatus;
  deliveryError?: string;
}

/** A run's outcome, and what must be stored in the same commit as its end (a system line). */
export interface RunResult {
  outcome: RunOutcome;
  alongside?: () => void;
}

interface JobRow {
  id: string;
  name: string;
  description: string | null;
  enabled: number;
  agent_id: string | null;
  session_key: string | null;
  delete_after_run: number;
  schedule: string;
  session_target: string;
  wake_mode: string;
  payload: string;
  delivery: string | null;
  created_at_ms: number;
  updated_at_ms: number;
  next_run_at_ms: number | null;
  running_at_ms: number | null;
  last_run_at_ms: number | null;
  last_run_status: string | null;
  last_error: string | null;
  last_duration_ms: number | null;
  consecutive_errors: number;
  last_delivery_status: string | null;
}

interface RunRow {
  id: string;
  job_id: string;
  job_name: string | null;
  slot: string;
  trigger: string;
  run_at_ms: number;
  started_at_ms: number;
  ended_at_ms: number | null;
  status: string;
  error: string | null;
  summary: string | null;
  session_key: string | null;
  delivery_status: string | null;
  delivery_error: string | null;
  missed_slots: number;
  next_run_at_ms?: number | null;
}

const SUMMARY_CHARS = 2000;

/** Jobs (`cron_jobs`) and their run history (`cron_runs`) in the embedded store. */
export class JobStore {
  constructor(private readonly db: Database) {}

  private stmt(sql: string): Statement {
    return preparedStatement(this.db, sql);
  }

  /** Several writes as one commit; better-sqlite3 runs it synchronously, so nothing interleaves. */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  insert(job: CronJob): void {
    this.stmt(
      `INSERT INTO cron_jobs (id, name, description, enabled, agent_id, session_key, delete_after_run, schedule,
         session_target, wake_mode, payload, delivery, created_at_ms, updated_at_ms, next_run_at_ms)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(...specColumns(job), job.createdAtMs, job.updatedAtMs, job.state.nextRunAtMs ?? null);
  }

  /** Replace what the client chose (and the next slot); the run state stays. */
  update(job: CronJob): void {
    this.stmt(
      `UPDATE cron_jobs SET name = ?, description = ?, enabled = ?, agent_id = ?, session_key = ?,
         delete_after_run = ?, schedule = ?, session_target = ?, wake_mode = ?, payload = ?, delivery = ?,
         updated_at_ms = ?, next_run_at_ms = ? WHERE id = ?`,
    ).run(...specColumns(job).slice(1), job.updatedAtMs, job.state.nextRunAtMs ?? null, job.id);
  }

  get(id: string): CronJob | undefined {
    const row = this.stmt('SELECT * FROM cron_jobs WHERE id = ?').get(id) as JobRow | undefined;
    return row ? toJob(row) : undefined;
  }

  /** Removes the job and its history. */
  remove(id: string): boolean {
    return this.transaction(() => {
      this.stmt('DELETE FROM cron_runs WHERE job_id = ?').run(id);
      return this.stmt('DELETE FROM cron_jobs WHERE id = ?').run(id).changes > 0;
    });
  }

  list(filter: {
    enabled: 'all' | 'enabled' | 'disabled';
    query?: string;
    sortBy: 'nextRunAtMs' | 'updatedAtMs' | 'name';
    sortDir: 'asc' | 'desc';
    limit: number;
    offset: number;
  }): { jobs: CronJob[]; total: number } {
    const where: string[] = [];
    const args: unknown[] = [];
    if (filter.enabled !== 'all') where.push(`enabled = ${filter.enabled === 'enabled' ? 1 : 0}`);
    if (filter.query) {
      where.push("(name LIKE ? ESCAPE '\\' OR description LIKE ? ESCAPE '\\' OR id = ?)");
      const like = `%${filter.query.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      args.push(like, like, filter.query);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const column = { nextRunAtMs: 'next_run_at_ms', updatedAtMs: 'updated_at_ms', name: 'name' }[filter.sortBy];
    const dir = filter.sortDir === 'desc' ? 'DESC' : 'ASC';
    // Jobs with no next run sort last either way.
    const order = `${column} IS NULL, ${column} ${dir}, created_at_ms, id`;
    const total = (this.stmt(`SELECT COUNT(*) AS n FROM cron_jobs ${clause}`).get(...args) as { n: number }).n;
    const rows = this.stmt(`SELECT * FROM cron_jobs ${clause} ORDER BY ${order} LIMIT ? OFFSET ?`).all(
      ...args,
      filter.limit,
      filter.offset,
    ) as JobRow[];
    return { jobs: rows.map(toJob), total };
  }

  count(): number {
    return (this.stmt('SELECT COUNT(*) AS n FROM cron_jobs').get() as { n: number }).n;
  }

  /** The earliest next slot of any enabled job (one index lookup, however many jobs there are). */
  nextDueAt(): number | undefined {
    const r = this.stmt(
      'SELECT MIN(next_run_at_ms) AS t FROM cron_jobs WHERE enabled = 1 AND next_run_at_ms IS NOT NULL',
    ).get() as { t: number | null };
    return r.t ?? undefined;
  }

  /**
   * Due jobs, earliest first; `kind` picks one payload kind (through the index on
   * `json_extract(payload, '$.kind')`: the expression must read exactly as in the index).
   */
  due(now: number, limit: number, kind?: 'systemEvent' | 'agentTurn'): CronJob[] {
    if (limit <= 0) return [];
    const rows = kind
      ? this.stmt(
          "SELECT * FROM cron_jobs WHERE json_extract(payload, '$.kind') = ? AND enabled = 1 " +
            'AND next_run_at_ms IS NOT NULL AND next_run_at_ms <= ? ORDER BY next_run_at_ms, id LIMIT ?',
        ).all(kind, now, limit)
      : this.stmt(
          'SELECT * FROM cron_jobs WHERE enabled = 1 AND next_run_at_ms IS NOT NULL AND next_run_at_ms <= ? ' +
            'ORDER BY next_run_at_ms, id LIMIT ?',
        ).all(now, limit);
    return (rows as JobRow[]).map(toJob);
  }

  /** Jobs whose next slot is before `beforeMs` (missed while the gateway was down). */
  overdue(beforeMs: number): CronJob[] {
    return (
      this.stmt(
        'SELECT * FROM cron_jobs WHERE enabled = 1 AND next_run_at_ms IS NOT NULL AND next_run_at_ms < ? ' +
          'ORDER BY next_run_at_ms, id',
      ).all(beforeMs) as JobRow[]
    ).map(toJob);
  }

  /**
   * Move a job from slot `expected` to `next` (compare-and-set): false when another claim moved
   * it first, so two timers (two generations, a reload) cannot both take a slot. A job with no
   * slot left (a one-shot that ran) is disabled.
   */
  advance(jobId: string, expected: number, next: number | undefined, runningAtMs?: number): boolean {
    return (
      this.stmt(
        'UPDATE cron_jobs SET next_run_at_ms = ?, running_at_ms = COALESCE(?, running_at_ms), ' +
          'enabled = CASE WHEN ? IS NULL THEN 0 ELSE enabled END ' +
          'WHERE id = ? AND next_run_at_ms = ? AND enabled = 1',
      ).run(next ?? null, runningAtMs ?? null, next ?? null, jobId, expected).changes === 1
    );
  }

  setRunning(jobId: string, runningAtMs: number): void {
    this.stmt('UPDATE cron_jobs SET running_at_ms = ? WHERE id = ?').run(runningAtMs, jobId);
  }

  /** Record a run; false when its (job, slot) was recorded before. */
  insertRun(run: RunRecord, outcome?: RunOutcome, endedAtMs?: number): boolean {
    return (
      this.stmt(
        `INSERT INTO cron_runs (id, job_id, job_name, slot, trigger, run_at_ms, started_at_ms, ended_at_ms, status,
           error, summary, session_key, delivery_status, delivery_error, missed_slots)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (job_id, slot) DO NOTHING`,
      ).run(
        run.id,
        run.jobId,
        run.jobName,
        run.slot,
        run.trigger,
        run.runAtMs,
        run.startedAtMs,
        endedAtMs ?? null,
        outcome?.status ?? run.status,
        outcome?.error ?? run.error ?? null,
        outcome?.summary ?? run.summary ?? null,
        outcome?.sessionKey ?? run.sessionKey ?? null,
        outcome?.deliveryStatus ?? null,
        outcome?.deliveryError ?? null,
        run.missedSlots ?? 0,
      ).changes === 1
    );
  }

  runBySlot(jobId: string, slot: string): RunEntry | undefined {
    const r = this.stmt('SELECT * FROM cron_runs WHERE job_id = ? AND slot = ?').get(jobId, slot) as RunRow | undefined;
    return r ? toEntry(r) : undefined;
  }

  runStatus(runId: string): string | undefined {
    return (this.stmt('SELECT status FROM cron_runs WHERE id = ?').get(runId) as { status: string } | undefined)
      ?.status;
  }

  /**
   * A run ended: its row, the job's state (and, for an `ok` one-shot with deleteAfterRun, the
   * job itself) and the history bound, in one commit. Returns whether the job was deleted.
   */
  finishRun(
    run: { id: string; jobId: string; startedAtMs: number },
    { outcome, alongside }: RunResult,
    endedAtMs: number,
    keepRuns: number,
  ): { deleted: boolean } {
    return this.transaction(() => {
      alongside?.();
      const durationMs = Math.max(0, endedAtMs - run.startedAtMs);
      this.stmt(
        `UPDATE cron_runs SET status = ?, error = ?, summary = ?, session_key = COALESCE(?, session_key),
           delivery_status = ?, delivery_error = ?, ended_at_ms = ? WHERE id = ?`,
      ).run(
        outcome.status,
        outcome.error ?? null,
        outcome.summary?.slice(0, SUMMARY_CHARS) ?? null,
        outcome.sessionKey ?? null,
        outcome.deliveryStatus,
        outcome.deliveryError ?? null,
        endedAtMs,
        run.id,
      );
      this.recordLast(run.jobId, run.startedAtMs, outcome, durationMs);
      this.stmt('UPDATE cron_jobs SET running_at_ms = NULL WHERE id = ?').run(run.jobId);
      this.pruneRuns(run.jobId, keepRuns);
      const job = this.stmt('SELECT delete_after_run, next_run_at_ms FROM cron_jobs WHERE id = ?').get(run.jobId) as
        | { delete_after_run: number; next_run_at_ms: number | null }
        | undefined;
      if (job && outcome.status === 'ok' && job.delete_after_run === 1 && job.next_run_at_ms === null) {
        this.stmt('DELETE FROM cron_jobs WHERE id = ?').run(run.jobId);
        return { deleted: true };
      }
      return { deleted: false };
    });
  }

  /** The job's `state.last*` after a run (or a recorded skip). */
  recordLast(jobId: string, atMs: number, outcome: RunOutcome, durationMs: number): void {
    this.stmt(
      `UPDATE cron_jobs SET last_run_at_ms = ?, last_run_status = ?, last_error = ?, last_duration_ms = ?,
         last_delivery_status = ?,
         consecutive_errors = CASE WHEN ? = 'error' THEN consecutive_errors + 1
                                   WHEN ? = 'ok' THEN 0 ELSE consecutive_errors END
       WHERE id = ?`,
    ).run(
      atMs,
      outcome.status,
      outcome.error ?? null,
      durationMs,
      outcome.deliveryStatus,
      outcome.status,
      outcome.status,
      jobId,
    );
  }

  /**
   * Runs still `running` that no live process owns were cut by a crash: they end as
   * `error: "interrupted"`, and their slot is not run again (it was advanced when claimed).
   */
  markInterrupted(live: ReadonlySet<string>, now: number): Array<{ runId: string; jobId: string }> {
    return this.transaction(() => {
      const stale = (
        this.stmt("SELECT id, job_id, started_at_ms FROM cron_runs WHERE status = 'running'").all() as Array<{
          id: string;
          job_id: string;
          started_at_ms: number;
        }>
      ).filter((r) => !live.has(r.id));
      for (const r of stale) {
        const outcome: RunOutcome = { status: 'error', error: 'interrupted', deliveryStatus: 'unknown' };
        this.stmt(
          "UPDATE cron_runs SET status = 'error', error = 'interrupted', delivery_status = 'unknown', " +
            'ended_at_ms = ? WHERE id = ?',
        ).run(now, r.id);
        this.recordLast(r.job_id, r.started_at_ms, outcome, Math.max(0, now - r.started_at_ms));
        this.stmt('UPDATE cron_jobs SET running_at_ms = NULL WHERE id = ?').run(r.job_id);
      }
      return stale.map((r) => ({ runId: r.id, jobId: r.job_id }));
    });
  }

  runs(filter: { jobId?: string; statuses?: RunStatus[]; limit: number; offset: number; sortDir: 'asc' | 'desc' }): {
    entries: RunEntry[];
    total: number;
  } {
    const where = ["r.status != 'running'"];
    const args: unknown[] = [];
    if (filter.jobId) {
      where.push('r.job_id = ?');
      args.push(filter.jobId);
    }
    if (filter.statuses?.length) where.push(`r.status IN (${filter.statuses.map(() => '?').join(', ')})`);
    if (filter.statuses?.length) args.push(...filter.statuses);
    const clause = `WHERE ${where.join(' AND ')}`;
    const total = (this.stmt(`SELECT COUNT(*) AS n FROM cron_runs r ${clause}`).get(...args) as { n: number }).n;
    const dir = filter.sortDir === 'asc' ? 'ASC' : 'DESC';
    const rows = this.stmt(
      `SELECT r.*, j.next_run_at_ms FROM cron_runs r LEFT JOIN cron_jobs j ON j.id = r.job_id ${clause}
       ORDER BY r.started_at_ms ${dir}, r.rowid ${dir} LIMIT ? OFFSET ?`,
    ).all(...args, filter.limit, filter.offset) as RunRow[];
    return { entries: rows.map(toEntry), total };
  }

  /** Keep the newest `keep` finished runs of a job. */
  pruneRuns(jobId: string, keep: number): void {
    this.stmt(
      `DELETE FROM cron_runs WHERE job_id = ? AND status != 'running' AND id NOT IN
         (SELECT id FROM cron_runs WHERE job_id = ? ORDER BY started_at_ms DESC, rowid DESC LIMIT ?)`,
    ).run(jobId, jobId, keep);
  }

  /** History of jobs that are gone (one-shots deleted after their run) is kept this long. */
  pruneOrphanRuns(olderThanMs: number): number {
    return this.stmt(
      `DELETE FROM cron_runs WHERE started_at_ms < ? AND status != 'running'
         AND job_id NOT IN (SELECT id FROM cron_jobs)`,
    ).run(olderThanMs).changes;
  }
}

function specColumns(job: CronJob): unknown[] {
  return [
    job.id,
    job.name,
    job.description ?? null,
    job.enabled ? 1 : 0,
    job.agentId ?? null,
    job.sessionKey ?? null,
    job.deleteAfterRun ? 1 : 0,
    JSON.stringify(job.schedule),
    job.sessionTarget,
    job.wakeMode,
    JSON.stringify(job.payload),
    job.delivery ? JSON.stringify(job.delivery) : null,
  ];
}

function toJob(r: JobRow): CronJob {
  const state: JobState = {};
  if (r.next_run_at_ms !== null && r.enabled) state.nextRunAtMs = r.next_run_at_ms;
  if (r.running_at_ms !== null) state.runningAtMs = r.running_at_ms;
  if (r.last_run_at_ms !== null) state.lastRunAtMs = r.last_run_at_ms;
  if (r.last_run_status) {
    state.lastRunStatus = r.last_run_status as RunStatus;
    state.lastStatus = r.last_run_status as RunStatus;
  }
  if (r.last_error) state.lastError = r.last_error;
  if (r.last_duration_ms !== null) state.lastDurationMs = r.last_duration_ms;
  if (r.consecutive_errors) state.consecutiveErrors = r.consecutive_errors;
  if (r.last_delivery_status) state.lastDeliveryStatus = r.last_delivery_status as DeliveryStatus;
  return {
    id: r.id,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    enabled: r.enabled === 1,
    ...(r.agent_id ? { agentId: r.agent_id } : {}),
    ...(r.session_key ? { sessionKey: r.session_key } : {}),
    deleteAfterRun: r.delete_after_run === 1,
    createdAtMs: r.created_at_ms,
    updatedAtMs: r.updated_at_ms,
    schedule: JSON.parse(r.schedule),
    sessionTarget: r.session_target as CronJob['sessionTarget'],
    wakeMode: r.wake_mode as CronJob['wakeMode'],
    payload: JSON.parse(r.payload),
    ...(r.delivery ? { delivery: JSON.parse(r.delivery) } : {}),
    state,
  };
}

function toEntry(r: RunRow): RunEntry {
  return {
    ts: r.ended_at_ms ?? r.started_at_ms,
    jobId: r.job_id,
    ...(r.job_name ? { jobName: r.job_name } : {}),
    action: 'finished',
    runId: r.id,
    status: r.status as RunStatus,
    ...(r.error ? { error: r.error } : {}),
    ...(r.summary ? { summary: r.summary } : {}),
    runAtMs: r.run_at_ms,
    durationMs: r.ended_at_ms === null ? 0 : Math.max(0, r.ended_at_ms - r.started_at_ms),
    ...(r.next_run_at_ms !== undefined && r.next_run_at_ms !== null ? { nextRunAtMs: r.next_run_at_ms } : {}),
    ...(r.session_key ? { sessionKey: r.session_key } : {}),
    ...(r.delivery_status ? { deliveryStatus: r.delivery_status as DeliveryStatus } : {}),
    ...(r.delivery_error ? { deliveryError: r.delivery_error } : {}),
    trigger: r.trigger as RunTrigger,
    ...(r.missed_slots ? { missedSlots: r.missed_slots } : {}),
  };
}
