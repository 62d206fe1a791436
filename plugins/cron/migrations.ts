/** The cron plugin's tables (through `ctx.store.migrate`, applied once each, in order). */
export const CRON_MIGRATIONS = [
  `CREATE TABLE cron_jobs (
     id TEXT PRIMARY KEY, name TEXT NOT NULL, description TEXT, enabled INTEGER NOT NULL,
     agent_id TEXT, session_key TEXT, delete_after_run INTEGER NOT NULL DEFAULT 0,
     schedule TEXT NOT NULL, session_target TEXT NOT NULL, wake_mode TEXT NOT NULL,
     payload TEXT NOT NULL, delivery TEXT,
     created_at_ms INTEGER NOT NULL, updated_at_ms INTEGER NOT NULL,
     next_run_at_ms INTEGER, running_at_ms INTEGER, last_run_at_ms INTEGER, last_run_status TEXT,
     last_error TEXT, last_duration_ms INTEGER, consecutive_errors INTEGER NOT NULL DEFAULT 0,
     last_delivery_status TEXT);
   CREATE INDEX cron_jobs_due ON cron_jobs (next_run_at_ms) WHERE enabled = 1 AND next_run_at_ms IS NOT NULL;
   CREATE TABLE cron_runs (
     id TEXT PRIMARY KEY, job_id TEXT NOT NULL, job_name TEXT, slot TEXT NOT NULL, trigger TEXT NOT NULL,
     run_at_ms INTEGER NOT NULL, started_at_ms INTEGER NOT NULL, ended_at_ms INTEGER,
     status TEXT NOT NULL, error TEXT, summary TEXT, session_key TEXT,
     delivery_status TEXT, delivery_error TEXT, missed_slots INTEGER NOT NULL DEFAULT 0,
     UNIQUE (job_id, slot));
   CREATE INDEX cron_runs_job ON cron_runs (job_id, started_at_ms);
   CREATE INDEX cron_runs_started ON cron_runs (started_at_ms);
   CREATE INDEX cron_runs_running ON cron_runs (status) WHERE status = 'running';`,
  // Due jobs of one payload kind straight from an index: a burst of due agent turns made the
  // system-line lookup at every run's end scan all of them (O(n²) over the burst).
  `CREATE INDEX cron_jobs_due_kind ON cron_jobs (json_extract(payload, '$.kind'), next_run_at_ms, id)
     WHERE enabled = 1 AND next_run_at_ms IS NOT NULL;`,
];
