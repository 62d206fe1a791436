/** A cron job as clients see it (PROTOCOL.md "Cron"; Moltbot's CronJob). */

export type Schedule =
  | { kind: 'at'; at: string }
  | { kind: 'every'; everyMs: number; anchorMs?: number }
  | { kind: 'cron'; expr: string; tz?: string };

export type Payload =
  | { kind: 'systemEvent'; text: string }
  | { kind: 'agentTurn'; message: string; model?: string; thinking?: string; timeoutSeconds?: number };

export interface Delivery {
  mode: 'none' | 'announce';
  channel?: string;
  to?: string;
  accountId?: string;
  bestEffort?: boolean;
}

export type SessionTarget = 'main' | 'isolated';
export type WakeMode = 'now' | 'next-heartbeat';
export type RunStatus = 'ok' | 'error' | 'skipped';
export type DeliveryStatus = 'delivered' | 'not-delivered' | 'unknown' | 'not-requested';

export interface JobState {
  nextRunAtMs?: number;
  runningAtMs?: number;
  lastRunAtMs?: number;
  lastRunStatus?: RunStatus;
  /** Moltbot's older name for lastRunStatus. */
  lastStatus?: RunStatus;
  lastError?: string;
  lastDurationMs?: number;
  consecutiveErrors?: number;
  lastDeliveryStatus?: DeliveryStatus;
}

export interface CronJob {
  id: string;
  name: string;
  description?: string;
  enabled: boolean;
  agentId?: string;
  sessionKey?: string;
  deleteAfterRun?: boolean;
  createdAtMs: number;
  updatedAtMs: number;
  schedule: Schedule;
  sessionTarget: SessionTarget;
  wakeMode: WakeMode;
  payload: Payload;
  delivery?: Delivery;
  state: JobState;
}

/** The fields of a job a client chooses (`cron.add`), already validated. */
export type JobSpec = Omit<CronJob, 'id' | 'createdAtMs' | 'updatedAtMs' | 'state'>;

/** One entry of `cron.runs` (Moltbot's CronRunLogEntry, plus runId/trigger/missedSlots). */
export interface RunEntry {
  ts: number;
  jobId: string;
  jobName?: string;
  action: 'finished';
  runId: string;
  status: RunStatus;
  error?: string;
  summary?: string;
  runAtMs: number;
  durationMs: number;
  nextRunAtMs?: number;
  sessionKey?: string;
  deliveryStatus?: DeliveryStatus;
  deliveryError?: string;
  trigger: RunTrigger;
  /** Slots after `runAtMs` that this run stood in for (`cron.catchUp: "once"`). */
  missedSlots?: number;
}

/** Why a run happened: its slot came, a catch-up after downtime, or `cron.run`. */
export type RunTrigger = 'schedule' | 'catch-up' | 'manual';
