/**
 * A closed-loop HTTP load: `concurrency` requests kept outstanding on keep-alive sockets until
 * `stop()`. Any status other than 200, and any socket error, counts as a failed request.
 */
import http from 'node:http';
import { now } from './clock.js';

export interface HttpHammerOptions {
  readonly url: string;
  readonly headers?: Record<string, string>;
  readonly concurrency: number;
  /** Per request; a request still unanswered after this counts as failed. */
  readonly timeoutMs?: number;
}

export interface HttpHammerResult {
  readonly completed: number;
  readonly failed: number;
  readonly firstError?: string;
  readonly latencies: Float64Array;
  readonly durationMs: number;
}

export interface HttpHammer {
  /** Ends the loops after their current request and resolves with the totals. */
  stop(): Promise<HttpHammerResult>;
}

function getOnce(agent: http.Agent, url: URL, headers: Record<string, string>, timeoutMs: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent, headers, timeout: timeoutMs }, (res) => {
      res.resume(); // read the body so the socket returns to the pool
      res.once('end', () => resolve(res.statusCode ?? 0));
      res.once('error', reject);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', reject);
  });
}

export function startHttpHammer(opts: HttpHammerOptions): HttpHammer {
  const url = new URL(opts.url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency });
  const headers = opts.headers ?? {};
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const latencies: number[] = [];
  let failed = 0;
  let firstError: string | undefined;
  let stopping = false;
  const startedAt = now();

  const loop = async (): Promise<void> => {
    while (!stopping) {
      const sentAt = now();
      try {
        const status = await getOnce(agent, url, headers, timeoutMs);
        if (status === 200) latencies.push(now() - sentAt);
        else {
          failed++;
          firstError ??= `HTTP ${status} from ${url.pathname}`;
        }
      } catch (err) {
        failed++;
        firstError ??= `${url.pathname}: ${(err as Error).message}`;
      }
    }
  };
  const loops = Promise.all(Array.from({ length: opts.concurrency }, loop));

  return {
    async stop() {
      stopping = true;
      await loops;
      const durationMs = now() - startedAt;
      agent.destroy();
      return {
        completed: latencies.length,
        failed,
        ...(firstError ? { firstError } : {}),
        latencies: Float64Array.from(latencies),
        durationMs,
      };
    },
  };
}
