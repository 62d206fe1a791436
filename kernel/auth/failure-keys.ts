import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackAddress, normalizeAddress } from './peer-address.js';

/**
 * The buckets an authentication failure counts in: the client's address, and for a browser on
 * another origin (an allowed cross-site UI) that Origin too.
 *
 * - The gateway's own origin gets no bucket of its own: the header is easy to forge from any
 *   peer, and a shared bucket would let a stranger with a wrong token lock the real dashboard out.
 * - Behind Tailscale Serve every client arrives from 127.0.0.1; with the option on, Serve's
 *   `x-forwarded-for` names the client, so one bad client does not lock out the others.
 */
export function failureKeys(peer: string | undefined, headers: IncomingHttpHeaders, allowTailscale: boolean): string[] {
  let address = normalizeAddress(peer);
  const forwarded = headers['x-forwarded-for'];
  if (allowTailscale && isLoopbackAddress(address) && typeof forwarded === 'string' && forwarded.trim()) {
    address = `${forwarded.split(',')[0]!.trim()} via tailscale`;
  }
  const keys = [`ip:${address}`];
  const origin = headers.origin;
  if (typeof origin === 'string' && !isOwnOrigin(origin, headers.host)) keys.push(`origin:${origin}`);
  return keys;
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host.toLowerCase() === host.trim().toLowerCase();
  } catch {
    return false;
  }
}
