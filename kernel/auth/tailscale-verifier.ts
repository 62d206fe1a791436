import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Logger } from 'pino';
import { failureKeys } from './failure-keys.js';
import type { FailureLimiter } from './failure-limiter.js';
import { type TailscaleIdentity, tailscaleClaim } from './tailscale-identity.js';
import type { WhoisLookup } from './tailscale-whois.js';

/**
 * `gateway.auth.allowTailscale`: a request carrying Serve's identity headers is accepted without
 * a secret only when tailscaled confirms that the forwarded address belongs to that login.
 * Anything else (no tailscaled, an address that is no peer, another user's address) gets no
 * identity, and the request needs the gateway secret like any other.
 */
export class TailscaleVerifier {
  private lastUnavailableLog = 0;

  constructor(
    private readonly lookup: WhoisLookup,
    private readonly socketPath: string,
    private readonly limiter: FailureLimiter,
    private readonly logger: Logger,
  ) {}

  async verify(headers: IncomingHttpHeaders, peer: string | undefined): Promise<TailscaleIdentity | undefined> {
    const claim = tailscaleClaim(headers, peer, true);
    if (!claim) return undefined;
    const keys = failureKeys(peer, headers);
    // A forged claim is a guess like a wrong token: over budget, it is not even looked up.
    if (this.limiter.retryAfterMs(keys) > 0) return undefined;
    const answer = await this.lookup(claim.address);
    if (answer.kind === 'peer' && answer.login.toLowerCase() === claim.login.toLowerCase()) {
      return { login: answer.login, name: answer.name ?? claim.name, address: claim.address, node: answer.node };
    }
    if (answer.kind === 'unavailable') {
      // Not the client's fault: not counted. Logged at most once a minute (a page load is many requests).
      const now = Date.now();
      if (now - this.lastUnavailableLog > 60_000) {
        this.lastUnavailableLog = now;
        this.logger.warn(
          { socket: this.socketPath, reason: answer.reason },
          `tailscale identity refused: tailscaled is not reachable at ${this.socketPath} (${answer.reason}); ` +
            "Serve's identity headers cannot be verified, so such requests need the gateway secret",
        );
      }
      return undefined;
    }
    this.limiter.recordFailure(keys);
    this.logger.warn(
      {
        address: claim.address,
        claimed: claim.login.slice(0, 128),
        owner: answer.kind === 'peer' ? answer.login : undefined,
      },
      answer.kind === 'peer'
        ? 'tailscale identity refused: the forwarded address belongs to another login'
        : 'tailscale identity refused: the forwarded address is no tailnet peer',
    );
    return undefined;
  }
}

/** Identities verified before a WebSocket upgrade, read by the handshake (kept off the request object). */
const verified = new WeakMap<IncomingMessage, TailscaleIdentity>();

export function rememberTailscale(req: IncomingMessage, identity: TailscaleIdentity | undefined): void {
  if (identity) verified.set(req, identity);
}

export function verifiedTailscale(req: IncomingMessage): TailscaleIdentity | undefined {
  return verified.get(req);
}
