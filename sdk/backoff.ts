export interface BackoffOptions {
  /** The first delay's ceiling (attempt 1). */
  baseMs: number;
  /** No delay is longer than this. */
  maxMs: number;
  /** Source of randomness (tests pass a fixed one). */
  random?: () => number;
}

/**
 * How long to wait before retry number `attempt` (1 for the first retry): exponential,
 * `baseMs·2^(attempt-1)` capped at `maxMs`, with jitter over the upper half of that ceiling, so
 * many clients failing together do not retry together and no wait is shorter than half the step.
 */
export function backoff(attempt: number, options: BackoffOptions): number {
  const { baseMs, maxMs, random = Math.random } = options;
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Wait `ms`, or less if `signal` aborts first. Resolves `true` when the time passed and `false`
 * when it was cut short (never rejects: the caller decides whether an abort is an error).
 */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const timer = setTimeout(() => finish(true), ms);
    const onAbort = () => finish(false);
    signal?.addEventListener('abort', onAbort, { once: true });
    function finish(elapsed: boolean) {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(elapsed);
    }
  });
}
