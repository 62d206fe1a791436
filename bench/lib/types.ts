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

/** What a workload may ask of a server start. */
export interface StartOptions {
  /**
   * The gateway's `moltbot.json` (written mode 0600 before the spawn; the target adds its auth
   * token). The baseline has no config and ignores it.
   */
  readonly config?: Record<string, unknown>;
}

/** What a workload needs to know about the server it measures. */
export interface Target {
  readonly kind: 'gateway' | 'baseline';
  /** Why this target cannot run (e.g. not built), or undefined when it can. */
  unavailable(): string | undefined;
  start(options?: StartOptions): Promise<RunningServer>;
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
    /** What the server needs loaded to offer the broadcast (the gateway: a plugin that emits it). */
    readonly startOptions?: StartOptions;
  };
}

export type Unit = 'µs' | 'ms' | 'req/s' | 'msg/s' | 'KB' | 'MB' | 'count' | '%';

/** A pass/miss goal, judged on the gateway's value. */
export type Goal =
  | { readonly kind: 'below'; readonly value: number } // gateway < value (absolute, in the unit)
  | { readonly kind: 'at-most'; readonly value: number } // gateway <= value (e.g. 0 failures)
  | { readonly kind: 'at-least'; readonly value: number } // gateway >= value (e.g. messages/s)
  | { readonly kind: 'ratio-at-most'; readonly value: number } // gateway / baseline <= value
  | { readonly kind: 'ratio-at-least'; readonly value: number } // gateway / baseline >= value
  | { readonly kind: 'all'; readonly goals: readonly Goal[] }; // every one of them

export interface Measurement {
  /** Row label, identical for both targets so rows can be paired. */
  readonly metric: string;
  readonly value: number;
  readonly unit: Unit;
  readonly goal?: Goal;
  /**
   * A reference value measured inside this run, for workloads whose baseline is not the
   * baseline server (e.g. the fake model provider called directly). Shown in the baseline column.
   */
  readonly reference?: number;
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
  /**
   * The targets this workload runs on (default both). A gateway-only workload (plugins, channels)
   * shows its `reference` values, or "n/a", in the baseline column.
   */
  readonly targets?: readonly Target['kind'][];
  /** Runs against one target, starting and stopping its own server(s). */
  run(target: Target, opts: RunOptions): Promise<Measurement[]>;
}
