import os from 'node:os';
import { isLoopbackAddress } from './peer-address.js';

export interface HostPolicy {
  port: number;
  bindHost: string;
  /** `gateway.allowedHosts`. */
  allowedHosts: readonly string[];
  /** `gateway.controlUi.allowedOrigins`. */
  allowedOrigins: readonly string[];
}

const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** The hostname part of a Host header (`a.b:123` → `a.b`, `[::1]:1` → `[::1]`), lower-cased. */
export function hostnameOf(hostHeader: string): string {
  const h = hostHeader.trim().toLowerCase();
  if (h.startsWith('[')) return h.slice(0, h.indexOf(']') + 1);
  const colon = h.lastIndexOf(':');
  return colon > 0 && h.indexOf(':') === colon ? h.slice(0, colon) : h;
}

/** Names and addresses this machine answers to when bound to every interface. */
function localAddresses(): Set<string> {
  const out = new Set<string>();
  for (const list of Object.values(os.networkInterfaces())) {
    for (const i of list ?? []) out.add(i.family === 'IPv6' ? `[${i.address.toLowerCase()}]` : i.address);
  }
  out.add(os.hostname().toLowerCase());
  return out;
}

/**
 * DNS-rebinding guard: the Host header must name this gateway — a loopback name, the bind
 * address (any local address when bound to all interfaces), or a configured name.
 */
export function isAllowedHost(hostHeader: string | undefined, policy: HostPolicy): boolean {
  if (!hostHeader) return false;
  const name = hostnameOf(hostHeader);
  if (LOOPBACK_NAMES.has(name) || (name.startsWith('127.') && isLoopbackAddress(name))) return true;
  if (policy.allowedHosts.some((h) => h.toLowerCase() === name)) return true;
  const bind = policy.bindHost.includes(':') ? `[${policy.bindHost.toLowerCase()}]` : policy.bindHost;
  if (name === bind) return true;
  if (policy.bindHost === '0.0.0.0' || policy.bindHost === '::') return localAddresses().has(name);
  return false;
}

/**
 * Cross-site WebSocket hijacking guard: a browser (which always sends Origin) may connect only
 * from the gateway's own origin (same host as the Host header) or a configured origin.
 * Non-browser clients send no Origin and pass.
 */
export function isAllowedOrigin(
  origin: string | undefined,
  hostHeader: string | undefined,
  policy: HostPolicy,
): boolean {
  if (origin === undefined) return true;
  if (policy.allowedOrigins.includes(origin)) return true;
  if (origin === 'null') return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return false;
  return hostHeader !== undefined && url.host.toLowerCase() === hostHeader.trim().toLowerCase();
}
