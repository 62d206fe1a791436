import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackAddress } from './peer-address.js';

/** What Serve's headers claim: a login, and the tailnet address the request came from. */
export interface TailscaleClaim {
  login: string;
  name?: string;
  /** The client's address as Serve forwarded it (first `x-forwarded-for` entry). */
  address: string;
}

export interface TailscaleIdentity {
  login: string;
  name?: string;
  address: string;
  /** The node's MagicDNS name, from whois. */
  node?: string;
}

/**
 * Tailscale Serve proxies to the gateway on loopback and adds identity headers. They are a
 * claim only when the option is on AND the TCP peer is loopback (Serve itself) AND the
 * forwarding headers Serve adds are present; from anyone else the same headers are ignored.
 * A claim is worth nothing until tailscaled confirms it (tailscale-verifier.ts): on loopback
 * any local process can write these headers.
 */
export function tailscaleClaim(
  headers: IncomingHttpHeaders,
  peer: string | undefined,
  allow: boolean,
): TailscaleClaim | undefined {
  if (!allow || !isLoopbackAddress(peer)) return undefined;
  const login = single(headers['tailscale-user-login']);
  if (!login) return undefined;
  const forwarded = single(headers['x-forwarded-for']);
  if (!forwarded || !single(headers['x-forwarded-proto']) || !single(headers['x-forwarded-host'])) return undefined;
  const address = forwarded.split(',')[0]!.trim();
  if (!address) return undefined;
  return { login, name: single(headers['tailscale-user-name']), address };
}

function single(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
}
