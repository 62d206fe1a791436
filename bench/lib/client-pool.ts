import os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { Envelope, PoolCommand, PoolReply } from './client-pool-messages.js';
import { now } from './clock.js';

type ReplyOf<Op extends PoolReply['op']> = Extract<PoolReply, { op: Op }>;

/** Worker threads holding clients: `BENCH_CLIENT_THREADS`, else cores − 2, at most 4. */
export function defaultThreads(): number {
  const fromEnv = Number(process.env.BENCH_CLIENT_THREADS);
  if (Number.isInteger(fromEnv) && fromEnv > 0) return fromEnv;
  return Math.max(1, Math.min(4, os.availableParallelism() - 2));
}

class PoolThread {
  private seq = 0;
  private readonly waiting = new Map<number, { resolve(reply: PoolReply): void; reject(err: Error): void }>();
  /** This thread's clock minus the main thread's clock, in ms. */
  offset = 0;

  constructor(readonly worker: Worker) {
    worker.on('message', (reply: Envelope<PoolReply>) => {
      const entry = this.waiting.get(reply.seq);
      this.waiting.delete(reply.seq);
      entry?.resolve(reply);
    });
    worker.on('error', (err) => this.failAll(err));
    worker.on('exit', (code) => this.failAll(new Error(`client thread exited (${code})`)));
  }

  private failAll(err: Error): void {
    for (const entry of this.waiting.values()) entry.reject(err);
    this.waiting.clear();
  }

  call<Op extends PoolCommand['op']>(cmd: Extract<PoolCommand, { op: Op }>): Promise<ReplyOf<Op>> {
    const seq = ++this.seq;
    return new Promise((resolve, reject) => {
      this.waiting.set(seq, { resolve: resolve as (reply: PoolReply) => void, reject });
      this.worker.postMessage({ ...cmd, seq });
    });
  }

  /** Estimates `offset` from the lowest-latency of a few ping round trips. */
  async calibrate(): Promise<void> {
    let bestRtt = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 10; i++) {
      const sent = now();
      const { t } = await this.call({ op: 'ping' });
      const received = now();
      if (received - sent < bestRtt) {
        bestRtt = received - sent;
        this.offset = t - (sent + received) / 2;
      }
    }
  }
}

export interface ClientPoolOptions {
  readonly url: string;
  readonly connectParams: Record<string, unknown>;
  readonly count: number;
  /** Handshakes in flight at once, over all threads. */
  readonly concurrency?: number;
  readonly threads?: number;
  readonly handshakeTimeoutMs?: number;
}

export interface RpcLoad {
  readonly method: string;
  readonly params?: unknown;
  /** Requests kept outstanding per connection. */
  readonly inflight: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface RpcResult {
  readonly completed: number;
  /** Every answered request, warm-up and window: what the server's CPU time over the load was spent on. */
  readonly answered: number;
  readonly errors: number;
  readonly firstError?: string;
  /** Per-request latency (ms) of the requests completed inside the window. */
  readonly latencies: Float64Array;
  readonly durationMs: number;
  /** Clients whose connection was closed when the load ended (dropped sockets). */
  readonly closed: number;
}

/** Many authenticated clients spread over worker threads. */
export class ClientPool {
  private constructor(
    private readonly threads: PoolThread[],
    readonly size: number,
  ) {}

  static async open(opts: ClientPoolOptions): Promise<ClientPool> {
    const count = Math.max(1, Math.min(opts.threads ?? defaultThreads(), opts.count));
    const url = new URL('./client-pool-worker.js', import.meta.url);
    const threads = Array.from({ length: count }, () => new PoolThread(new Worker(url)));
    const pool = new ClientPool(threads, opts.count);
    try {
      await Promise.all(threads.map((t) => t.calibrate()));
      const concurrency = Math.max(1, Math.ceil((opts.concurrency ?? 200) / count));
      const replies = await Promise.all(
        threads.map((t, i) =>
          t.call({
            op: 'connect',
            url: opts.url,
            connectParams: opts.connectParams,
            count: Math.floor(opts.count / count) + (i < opts.count % count ? 1 : 0),
            concurrency,
            timeoutMs: opts.handshakeTimeoutMs ?? 15_000,
          }),
        ),
      );
      const failed = replies.find((r) => r.error);
      if (failed) {
        const connected = replies.reduce((sum, r) => sum + r.connected, 0);
        throw new Error(`connected ${connected}/${opts.count} clients; ${failed.error}`);
      }
      return pool;
    } catch (err) {
      await pool.close();
      throw err;
    }
  }

  /** Waits until no client has received anything for `quietMs` (at most `maxMs`). */
  async waitQuiet(quietMs: number, maxMs: number): Promise<boolean> {
    const replies = await Promise.all(this.threads.map((t) => t.call({ op: 'quiet', quietMs, maxMs })));
    return replies.every((r) => r.quiet);
  }

  /** Starts recording, per client, the first arrival of `event`. Resolves once all threads listen. */
  async arm(event: string): Promise<void> {
    await Promise.all(this.threads.map((t) => t.call({ op: 'arm', event })));
  }

  /** Arrival times (main-thread clock, ms) since `arm`; NaN for clients that got nothing in time. */
  async collect(timeoutMs: number): Promise<Float64Array> {
    const replies = await Promise.all(this.threads.map((t) => t.call({ op: 'collect', timeoutMs })));
    const out = new Float64Array(this.size);
    let k = 0;
    replies.forEach((r, i) => {
      const offset = this.threads[i]!.offset;
      for (const t of r.arrivals) out[k++] = t - offset;
    });
    return out;
  }

  /** Closed-loop load: every connection keeps `inflight` requests outstanding. */
  async rpc(load: RpcLoad): Promise<RpcResult> {
    const startAt = now() + 50;
    const replies = await Promise.all(
      this.threads.map((t) =>
        t.call({
          op: 'rpc',
          method: load.method,
          params: load.params,
          inflight: load.inflight,
          startAt: startAt + t.offset,
          warmupMs: load.warmupMs,
          durationMs: load.durationMs,
        }),
      ),
    );
    const latencies = new Float64Array(replies.reduce((n, r) => n + r.latencies.length, 0));
    let k = 0;
    for (const r of replies) {
      latencies.set(r.latencies, k);
      k += r.latencies.length;
    }
    const firstError = replies.find((r) => r.firstError)?.firstError;
    return {
      completed: replies.reduce((n, r) => n + r.completed, 0),
      answered: replies.reduce((n, r) => n + r.answered, 0),
      errors: replies.reduce((n, r) => n + r.errors, 0),
      ...(firstError ? { firstError } : {}),
      latencies,
      durationMs: load.durationMs,
      closed: replies.reduce((n, r) => n + r.closed, 0),
    };
  }

  /** Ends a running `rpc` load early: each loop stops after its current request. */
  async stopRpc(): Promise<void> {
    await Promise.all(this.threads.map((t) => t.call({ op: 'rpc-stop' })));
  }

  async close(): Promise<void> {
    await Promise.all(
      this.threads.map(async (t) => {
        try {
          await Promise.race([t.call({ op: 'close' }), new Promise((r) => setTimeout(r, 2000))]);
        } catch {
          // thread already gone
        }
        await t.worker.terminate();
      }),
    );
  }
}
