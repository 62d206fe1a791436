import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * Which addresses a plugin may connect to on behalf of someone else (an agent's URL, a page's
 * link): the one SSRF policy of the gateway. web_fetch, WhatsApp's media fetch and the browser's
 * navigation policy use it.
 */

/** Why an address may not be reached, or undefined when it may. */
export type AddressCheck = (address: string) => string | undefined;

/** An address (a /32 or /128) or CIDR range, parsed. */
export type AddressRange = readonly [ipaddr.IPv4 | ipaddr.IPv6, number];

/** What a valid allow-list entry looks like, for error messages. */
export const ADDRESS_RANGE_EXAMPLES = '"192.168.1.20", "10.0.0.0/8", "fd00::/8"';

/**
 * Why `address` is not public, or undefined when it is a public unicast one. Anything not plainly
 * public is refused: loopback, private, link-local (the cloud metadata service 169.254.169.254),
 * unique-local, carrier-grade NAT, multicast, reserved, unspecified — and IPv6 forms that embed an
 * IPv4 address (IPv4-mapped is judged as the IPv4 address; NAT64, 6to4, Teredo are refused).
 */
export function nonPublicReason(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return `${address} is not an IP address`;
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : `${address} is a ${range} address`;
}

/** Parse one allow-list entry (an address or CIDR range); undefined when it is neither. */
export function parseAddressRange(entry: string): AddressRange | undefined {
  try {
    if (entry.includes('/')) return ipaddr.parseCIDR(entry);
    // parse, not process: "::ffff:10.0.0.1" stays IPv6 here and matches as such below.
    return [ipaddr.parse(entry), entry.includes(':') ? 128 : 32];
  } catch {
    return undefined;
  }
}

/** For config schemas: why an allow-list entry is not valid, or undefined when it is. */
export function addressRangeProblem(entry: string): string | undefined {
  return parseAddressRange(entry)
    ? undefined
    : `"${entry}" is not an IP address or CIDR range (e.g. ${ADDRESS_RANGE_EXAMPLES})`;
}

/**
 * The policy with exceptions: an address inside one of `allow` (addresses or CIDR ranges) may be
 * reached, everything else is judged by `nonPublicReason`. Parse the list once per config (at
 * register) and reuse the check for every request. An IPv4-mapped IPv6 address matches the IPv4
 * ranges. Throws a TypeError naming the first entry that is not an address or range (validate
 * the config with `addressRangeProblem` first so a user never gets that far).
 */
export function addressPolicy(allow: readonly string[] = []): AddressCheck {
  if (allow.length === 0) return nonPublicReason;
  const ranges = allow.map((entry) => {
    const range = parseAddressRange(entry);
    if (!range) throw new TypeError(addressRangeProblem(entry));
    return range;
  });
  return (address) => {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.process(address);
    } catch {
      return nonPublicReason(address);
    }
    for (const [base, bits] of ranges) {
      if (base.kind() === parsed.kind() && parsed.match(base as never, bits)) return undefined;
    }
    return nonPublicReason(address);
  };
}

/** For a URL's hostname: why its literal IP is refused; undefined for a name (the lookup checks those). */
export function literalHostReason(hostname: string, check: AddressCheck = nonPublicReason): string | undefined {
  const bare = hostname.replace(/^\[|\]$/g, '');
  return net.isIP(bare) ? check(bare) : undefined;
}

/**
 * A `lookup` for `http.request`: resolves the name and fails with `refuse(hostname, why)` when any
 * of its addresses is refused by `check`. The connection then goes to exactly the address checked
 * here, so a DNS answer that changes between check and connect (rebinding) cannot slip through.
 * Literal IP hosts never reach a lookup: check those before connecting.
 */
export function checkedLookup(
  check: AddressCheck,
  refuse: (hostname: string, why: string) => Error,
): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0) return callback(new Error(`no address for ${hostname}`), '', 0);
      for (const a of list) {
        const why = check(a.address);
        if (why) return callback(refuse(hostname, why) as NodeJS.ErrnoException, '', 0);
      }
      if ((options as dns.LookupOptions).all)
        return (callback as (e: null, l: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
