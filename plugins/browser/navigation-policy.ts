import dns from 'node:dns/promises';
import net from 'node:net';
import { nonPublicReason } from '../../sdk/index.js';

export interface NavigationPolicy {
  /** `browser.allowedHosts`: host, host:port or *.suffix; loads even when loopback/private. */
  allowedHosts: readonly string[];
  /** `browser.blockedHosts`: never loaded. */
  blockedHosts: readonly string[];
  /** The gateway's own ports (gateway, control, relay): refused on local addresses, allowed or not. */
  protectedPorts: readonly number[];
}

export type NavigationVerdict = { ok: true } | { ok: false; reason: string };

export type Resolver = (host: string) => Promise<string[]>;

const lookupAll: Resolver = async (host) => (await dns.lookup(host, { all: true })).map((a) => a.address);

/**
 * May the agent's browser load `raw`? Top-level navigations must be http(s) (or about:blank):
 * no file:, chrome:, javascript:, data:. Loopback, private, link-local and CGNAT addresses —
 * literal or what the name resolves to — are refused unless allowedHosts names the host, and
 * the gateway's own ports on this machine are refused even then: a page must not steer the
 * agent into the gateway. Subresources (`navigation: false`) may be data:/blob:, but their
 * http(s) hosts follow the same rules.
 */
export async function checkNavigation(
  raw: string,
  policy: NavigationPolicy,
  options: { navigation: boolean; resolve?: Resolver } = { navigation: true },
): Promise<NavigationVerdict> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, reason: `"${raw}" is not a URL` };
  }
  if (raw === 'about:blank') return { ok: true };
  const scheme = url.protocol;
  const web = scheme === 'http:' || scheme === 'https:' || scheme === 'ws:' || scheme === 'wss:';
  if (!web) {
    if (!options.navigation && (scheme === 'data:' || scheme === 'blob:')) return { ok: true };
    return { ok: false, reason: `${scheme} URLs are not allowed (only http and https)` };
  }
  const host = url.hostname.replace(/^\[|\]$/g, '').toLowerCase();
  const port = Number(url.port || (scheme === 'https:' || scheme === 'wss:' ? 443 : 80));
  if (matchesHost(policy.blockedHosts, host, port)) return { ok: false, reason: `${host} is in browser.blockedHosts` };
  let addresses: string[];
  if (net.isIP(host)) addresses = [host];
  else if (host === 'localhost' || host.endsWith('.localhost')) addresses = ['127.0.0.1'];
  else {
    try {
      addresses = await (options.resolve ?? lookupAll)(host);
    } catch {
      // Unresolvable: let the browser fail to load it (its error page names the problem).
      return { ok: true };
    }
  }
  const local = addresses.filter(isLocalAddress);
  if (local.length === 0) return { ok: true };
  if (policy.protectedPorts.includes(port))
    return { ok: false, reason: `${host}:${port} is one of the gateway's own ports` };
  if (matchesHost(policy.allowedHosts, host, port)) return { ok: true };
  return {
    ok: false,
    reason: `${host} is a loopback or private address (${local[0]}); add it to browser.allowedHosts to allow it`,
  };
}

/** `host`, `host:port`, `*.suffix` or `*.suffix:port` patterns. */
export function matchesHost(patterns: readonly string[], host: string, port: number): boolean {
  return patterns.some((raw) => {
    const p = raw.trim().toLowerCase();
    const m = /^(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(p);
    if (!m) return false;
    const name = m[1]!.replace(/^\[|\]$/g, '');
    if (m[2] !== undefined && Number(m[2]) !== port) return false;
    if (name.startsWith('*.')) return host === name.slice(2) || host.endsWith(name.slice(1));
    return host === name;
  });
}

/**
 * Not a public address, by the SDK's one SSRF policy (the same as web_fetch and WhatsApp's media
 * fetch): loopback, unspecified, private (RFC 1918, ULA), link-local, CGNAT/tailnet, multicast,
 * reserved and documentation ranges, IPv4-mapped forms (also as WHATWG URL spells them,
 * [::ffff:7f00:1]) judged as their IPv4 address, NAT64/6to4/Teredo.
 */
export function isLocalAddress(address: string): boolean {
  return net.isIP(address) !== 0 && nonPublicReason(address) !== undefined;
}
