import { backoff } from '../../sdk/index.js';

/** Step and cap of the retry delays (the cap only matters if MAX_ATTEMPTS grows). */
export const HOOK_RETRY = { baseMs: 2_000, maxMs: 60_000 } as const;

/**
 * How long a hook run waits after its `failedAttempts`-th failure: the SDK's jittered exponential
 * backoff, ceilings 2 s, 4 s, 8 s, 16 s … capped at 60 s, each delay somewhere in the upper half
 * of its ceiling — hooks that failed together (a provider outage) do not all retry together.
 */
export function hookRetryDelayMs(failedAttempts: number, random?: () => number): number {
  return backoff(failedAttempts, { ...HOOK_RETRY, ...(random ? { random } : {}) });
}
