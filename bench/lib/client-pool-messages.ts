/** Messages between `ClientPool` (main thread) and `client-pool-worker` (one per thread). */

export type PoolCommand =
  | {
      op: 'connect';
      url: string;
      connectParams: Record<string, unknown>;
      count: number;
      concurrency: number;
      timeoutMs: number;
    }
  | { op: 'ping' }
  | { op: 'quiet'; quietMs: number; maxMs: number }
  | { op: 'arm'; event: string }
  | { op: 'collect'; timeoutMs: number }
  | {
      op: 'rpc';
      method: string;
      params: unknown;
      inflight: number;
      startAt: number;
      warmupMs: number;
      durationMs: number;
    }
  | { op: 'rpc-stop' }
  | { op: 'close' };

export type PoolReply =
  | { op: 'connect'; connected: number; error?: string }
  | { op: 'ping'; t: number }
  | { op: 'quiet'; quiet: boolean }
  | { op: 'arm' }
  | { op: 'collect'; arrivals: Float64Array }
  | {
      op: 'rpc';
      completed: number;
      answered: number;
      errors: number;
      firstError?: string;
      latencies: Float64Array;
      closed: number;
    }
  | { op: 'rpc-stop' }
  | { op: 'close' };

export type Envelope<T> = T & { seq: number };
