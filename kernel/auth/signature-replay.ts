import crypto from 'node:crypto';
import { SIGNED_AT_SKEW_MS } from './device-signature.js';

/**
 * Device signatures seen lately, so each is accepted once. A v2 signature covers its
 * connection's challenge nonce and cannot work on another socket anyway; a v1 one (loopback
 * only, no nonce) could, and is refused here when it comes again. A signature is remembered
 * until its `signedAt` falls out of the skew window (after that the skew check refuses it), and
 * at most `maxEntries` are kept (the oldest forgotten first), so memory stays bounded.
 */
export class SignatureReplayGuard {
  private readonly seen = new Map<string, number>();

  constructor(private readonly maxEntries = 100_000) {}

  /** True the first time a signature is offered, false for a replay. */
  firstUse(signature: string, signedAt: number, now = Date.now()): boolean {
    this.prune(now);
    const key = crypto.createHash('sha256').update(signature).digest('base64url');
    if (this.seen.has(key)) return false;
    this.seen.set(key, signedAt + SIGNED_AT_SKEW_MS);
    if (this.seen.size > this.maxEntries) {
      const oldest = this.seen.keys().next().value;
      if (oldest !== undefined) this.seen.delete(oldest);
    }
    return true;
  }

  get size(): number {
    return this.seen.size;
  }

  private prune(now: number): void {
    // Insertion order is close to signedAt order; stop at the first entry still in its window.
    for (const [key, until] of this.seen) {
      if (until > now) break;
      this.seen.delete(key);
    }
  }
}
