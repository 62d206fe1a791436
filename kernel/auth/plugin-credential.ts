import crypto from 'node:crypto';
import type { CredentialCheck, CredentialRequest } from '../../sdk/context.js';
import type { KernelRuntime } from '../runtime.js';
import { checkPresentedCredential } from './credential-check.js';
import { failureKeys } from './failure-keys.js';

/**
 * `ctx.auth.checkCredential`: a plugin route's own secret (a webhook token), under the same
 * rule and failure limiter as the gateway's secret (credential-check.ts), in the plugin's own
 * realm so guesses at one secret do not spend the other's budget.
 */
export function checkPluginCredential(
  rt: KernelRuntime,
  pluginId: string,
  req: CredentialRequest,
  options: { presented: string | undefined; verify(presented: string): boolean },
): CredentialCheck {
  const keys = failureKeys(req.socket.remoteAddress, req.headers, `plugin:${pluginId}`);
  const verdict = checkPresentedCredential(rt.limiter, keys, options.presented, options.verify);
  if (verdict.ok) return verdict;
  switch (verdict.reason) {
    case 'limited':
      return {
        ok: false,
        status: 429,
        code: 'RATE_LIMITED',
        message: `too many failed authentication attempts; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s`,
        retryAfterMs: verdict.retryAfterMs,
      };
    case 'missing':
      return { ok: false, status: 401, code: 'UNAUTHORIZED', message: 'authentication required' };
    case 'invalid':
      return { ok: false, status: 401, code: 'UNAUTHORIZED', message: 'invalid credential' };
  }
}

/** `ctx.auth.derivedSecret`: HMAC-SHA256 keyed by the gateway secret, so it reveals nothing of it. */
export function derivedSecret(rt: KernelRuntime, purpose: string): string {
  return crypto.createHmac('sha256', rt.auth.secret).update(purpose).digest('hex');
}
