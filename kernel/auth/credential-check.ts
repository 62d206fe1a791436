import type { FailureLimiter } from './failure-limiter.js';

export type CredentialVerdict =
  | { ok: true }
  | { ok: false; reason: 'missing' }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'limited'; retryAfterMs: number };

/**
 * The one rule for a presented shared credential (the gateway secret, a plugin's own token):
 * nothing presented → `missing` (a 401, never counted: a page or a probe without a secret
 * spends no one's budget); any of `keys` over its budget → `limited` WITHOUT evaluating the
 * guess (so a flood past the limit learns nothing and does not extend the wait); a wrong one
 * → counted in every key. A right one resets nothing: these keys are shared by every client
 * of a source, and resetting them would let "9 wrong + 1 right" evaluate guesses for ever.
 */
export function checkPresentedCredential(
  limiter: FailureLimiter,
  keys: readonly string[],
  presented: string | undefined,
  verify: (presented: string) => boolean,
): CredentialVerdict {
  if (presented === undefined || presented === '') return { ok: false, reason: 'missing' };
  const retryAfterMs = limiter.retryAfterMs(keys);
  if (retryAfterMs > 0) {
    limiter.noteLimited(keys[0]!);
    return { ok: false, reason: 'limited', retryAfterMs };
  }
  if (verify(presented)) return { ok: true };
  limiter.recordFailure(keys);
  return { ok: false, reason: 'invalid' };
}
