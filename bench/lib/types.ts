/**
 * The contracts between `run.ts`, the targets (gateway, baseline) and the workloads.
 * A workload is one file in `bench/workloads/` whose default export is a `Workload`.
 */

/** A server process started for one workload run, listening on 127.0.0.1. */
export interface RunningServer {
  readonly port: number;
  readonly token: string;
  readonly pid: number;
  /** `ws://127.0.0.1:<port>/` */
  readonly url: string;
  /** Absolute time (ms, sub-ms precision) just before the process was spawned. */
  readonly spawnedAt: number;
  /** Absolute time (ms) when the port first accepted a TCP connection. */
  readonly acceptingAt: number;
  /** Last lines of the process output, for error reports. */
  logTail(): string;
  /** SIGTERM, then SIGKILL after a grace period; idempotent. */
  stop(): Promise<void>;
}

/** What a workload needs to know about the server it measures. */
export interface Target {
  readonly kind: 'gateway' | 'baseline';
  /** Why this target cannot run (e.g. not built), or undefined when it can. */
  unavailable(): string | undefined;
  start(): Promise<RunningServer>;
  /** `params` of the `connect` request (the token goes into `auth.token`). */
  connectParams(token: string): Record<string, unknown>;
  /** A cheap read-only method answered from memory. */
  readonly statusMethod: string;
  /** The request that makes the server send one event to every connected client. */
  readonly broadcast: {
    readonly method: string;
    params(text: string): Record<string, unknown>;
    /** Name of the event every client receives. */
    readonly event: string;
  };
}

export type Unit = 'ms' | 'req/s' | 'KB' | 'MB';

/** A pass/miss goal, judged on the gateway's value. */
export type Goal =
  | { readonly kind: 'below'; readonly value: number } // gateway < value (absolute, in the unit)
  | { readonly kind: 'ratio-at-most'; readonly value: number } // gateway / baseline <= value
  | { readonly kind: 'ratio-at-least'; readonly value: number }; // gateway / baseline >= value

export interface Measurement {
  /** Row label, identical for both targets so rows can be paired. */
  readonly metric: string;
  readonly value: number;
  readonly unit: Unit;
  readonly goal?: Goal;
}

export interface RunOptions {
  /** Smoke mode: small counts, whole suite under a minute. */
  readonly quick: boolean;
  /** Progress line on stderr. */
  log(message: string): void;
}

export interface Workload {
  /** Short id used by `--only` (e.g. `handshake`). */
  readonly name: string;
  /** Human title for the table (e.g. `Handshake`). */
  readonly title: string;
  /**
   * Full-mode repetitions, run interleaved (baseline, gateway, baseline, …) so that drift in
   * machine load hits both sides alike; the table shows each metric's median. Default 1;
   * quick mode always runs once.
   */
  readonly trials?: number;
  /** Runs against one target, starting and stopping its own server(s). */
  run(target: Target, opts: RunOptions): Promise<Measurement[]>;
}
