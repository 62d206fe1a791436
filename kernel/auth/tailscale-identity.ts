import type { IncomingHttpHeaders } from 'node:http';
import { isLoopbackAddress } from './peer-address.js';

export interface TailscaleIdentity {
  login: string;
  name?: string;
}

/**
 * Tailscale Serve proxies to the gateway on loopback and adds identity headers. They count only
 * when the option is on AND the TCP peer is loopback (Serve itself) AND the forwarding headers
 * Serve adds are present; from anyone else the same headers are ignored.
 */
export function tailscaleIdentity(
  headers: IncomingHttpHeaders,
  peer: string | undefined,
  allow: boolean,
): TailscaleIdentity | undefined {
  if (!allow || !isLoopbackAddress(peer)) return undefined;
  const login = single(headers['tailscale-user-login']);
  if (!login) return undefined;
  if (
    !single(headers['x-forwarded-for']) ||
    !single(headers['x-forwarded-proto']) ||
    !single(headers['x-forwarded-host'])
  )
    return undefined;
  return { login, name: single(headers['tailscale-user-name']) };
}

function single(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
}
