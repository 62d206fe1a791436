import crypto from 'node:crypto';

/**
 * Short-lived canvas tokens: `v1.<expiry ms, base36>.<HMAC-SHA256 of the rest>`, keyed by a
 * secret derived from the gateway's. Stateless, so they survive reloads and restarts, and all of
 * them die when the gateway secret changes.
 */
export class CanvasTokens {
  constructor(
    private readonly key: string,
    private readonly ttlMs: number,
  ) {}

  mint(now = Date.now()): { token: string; expiresAtMs: number } {
    const expiresAtMs = now + this.ttlMs;
    const body = `v1.${expiresAtMs.toString(36)}`;
    return { token: `${body}.${this.sign(body)}`, expiresAtMs };
  }

  /** Remaining lifetime in ms, or 0 when the token is not one of ours or has expired. */
  verify(token: string, now = Date.now()): number {
    const m = /^(v1\.([0-9a-z]{1,12}))\.([0-9a-f]{64})$/.exec(token);
    if (!m) return 0;
    const expected = Buffer.from(this.sign(m[1]!), 'hex');
    const given = Buffer.from(m[3]!, 'hex');
    if (!crypto.timingSafeEqual(expected, given)) return 0;
    const left = Number.parseInt(m[2]!, 36) - now;
    return Math.max(left, 0);
  }

  private sign(body: string): string {
    return crypto.createHmac('sha256', this.key).update(body).digest('hex');
  }
}
