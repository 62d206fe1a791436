import type { IncomingHttpHeaders } from 'node:http';
import net from 'node:net';
import { isLoopbackAddress, normalizeAddress } from './peer-address.js';

/**
 * The buckets a shared-secret failure counts in (docs/security.md "Failure limiting"):
 *
 * - the TCP source: every loopback address (127.0.0.0/8, ::1) is ONE source, since any local
 *   process can pick any of them; an IPv6 peer counts by its /64, the block one host is given;
 *   an IPv4 peer by its address. Forwarding headers never pick the bucket: from loopback any
 *   local process can write them.
 * - a browser's Origin when it is not the gateway's own (an allowed cross-site UI): pages of one
 *   site share a budget however many machines they run on. The gateway's own origin gets no
 *   bucket of its own: the header is easy to forge outside a browser, and a shared bucket would
 *   let a stranger lock the real dashboard out.
 *
 * `realm` keeps credentials apart: guessing a plugin's own token (hooks) does not spend the
 * gateway secret's budget, and the other way round.
 */
export function failureKeys(peer: string | undefined, headers: IncomingHttpHeaders, realm = 'gateway'): string[] {
  const keys = [`${realm}|source:${sourceOf(peer)}`];
  const origin = headers.origin;
  if (typeof origin === 'string' && !isOwnOrigin(origin, headers.host)) keys.push(`${realm}|origin:${origin}`);
  return keys;
}

/** The bucket of one device's token guesses: only a holder of that device's private key can spend it. */
export function deviceFailureKey(deviceId: string, role: string): string {
  return `gateway|device:${deviceId}:${role}`;
}

/** `loopback`, an IPv4 address, or an IPv6 /64 (`2001:db8:0:1::/64`). */
export function sourceOf(peer: string | undefined): string {
  const address = normalizeAddress(peer);
  if (isLoopbackAddress(address)) return 'loopback';
  if (!net.isIPv6(address)) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

/** The eight 16-bit groups of an IPv6 address, lower-case hex without leading zeros. */
function expandIpv6(address: string): string[] | undefined {
  let text = address.toLowerCase().split('%')[0]!;
  // An embedded IPv4 tail (::ffff:1.2.3.4 style) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4[1]!.split('.').map(Number) as [number, number, number, number];
    text = `${text.slice(0, -v4[1]!.length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.split('::') as [string, string | undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === undefined ? [] : new Array(8 - left.length - right.length).fill('0');
  const groups = [...left, ...fill, ...right];
  if (groups.length !== 8) return undefined;
  return groups.map((g) => Number.parseInt(g || '0', 16).toString(16));
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host.toLowerCase() === host.trim().toLowerCase();
  } catch {
    return false;
  }
}
