import dns from 'node:dns/promises';
import net from 'node:net';

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

/** Loopback, unspecified, private (RFC 1918, ULA), link-local, CGNAT/tailnet, multicast. */
export function isLocalAddress(address: string): boolean {
  const a = address.toLowerCase();
  if (net.isIPv4(a)) {
    const [x, y] = a.split('.').map(Number) as [number, number];
    return (
      x === 0 ||
      x === 10 ||
      x === 127 ||
      (x === 100 && y >= 64 && y <= 127) ||
      (x === 169 && y === 254) ||
      (x === 172 && y >= 16 && y <= 31) ||
      (x === 192 && y === 168) ||
      x >= 224
    );
  }
  if (net.isIPv6(a)) {
    if (a === '::' || a === '::1') return true;
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(a);
    if (mapped) return isLocalAddress(mapped[1]!);
    // WHATWG URL spells an IPv4-mapped address in hex: [::ffff:127.0.0.1] is [::ffff:7f00:1].
    const hex = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
    if (hex) {
      const hi = Number.parseInt(hex[1]!, 16);
      const lo = Number.parseInt(hex[2]!, 16);
      return isLocalAddress(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`);
    }
    return /^(fc|fd|fe8|fe9|fea|feb|ff)/.test(a);
  }
  return false;
}
