import dns from 'node:dns';
import net from 'node:net';
import ipaddr from 'ipaddr.js';
import { toolsError } from '../errors.js';

/**
 * Why an address may not be fetched, or undefined when it is a public unicast one. Anything not
 * plainly public is refused: loopback, private, link-local (cloud metadata), unique-local,
 * carrier-grade NAT, multicast, reserved, and IPv6 forms that embed an IPv4 address.
 */
export function blockedReason(address: string): string | undefined {
  let parsed: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    parsed = ipaddr.parse(address);
  } catch {
    return 'it is not an IP address';
  }
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress())
    parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  const range = parsed.range();
  return range === 'unicast' ? undefined : `${address} is a ${range} address`;
}

/**
 * `blockedReason` with the user's exceptions (`tools.web.fetch.allowAddresses`): an address in one
 * of the ranges passes, everything else is judged as usual. Throws GW_ERR_TOOLS_WEB_ALLOW_ADDRESS
 * naming the entry that is not an address or CIDR range.
 */
export function blockedReasonExcept(allowAddresses: readonly string[]): (address: string) => string | undefined {
  if (allowAddresses.length === 0) return blockedReason;
  const ranges = allowAddresses.map((entry) => {
    try {
      return entry.includes('/')
        ? ipaddr.parseCIDR(entry)
        : ([ipaddr.parse(entry), entry.includes(':') ? 128 : 32] as const);
    } catch {
      throw toolsError(
        'GW_ERR_TOOLS_WEB_ALLOW_ADDRESS',
        `tools.web.fetch.allowAddresses: "${entry}" is not an IP address or CIDR range (e.g. "192.168.1.20", ` +
          '"10.0.0.0/8", "fd00::/8")',
      );
    }
  });
  return (address) => {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.process(address);
    } catch {
      return blockedReason(address);
    }
    for (const [base, bits] of ranges) {
      if (base.kind() === parsed.kind() && parsed.match(base as never, bits)) return undefined;
    }
    return blockedReason(address);
  };
}

function refuse(host: string, why: string) {
  return toolsError(
    'GW_ERR_TOOLS_WEB_BLOCKED',
    `web_fetch refused ${host}: ${why}. Private, loopback and link-local addresses are blocked ` +
      '(tools.web.fetch.allowPrivate allows them).',
    { details: { host } },
  );
}

/** Refuse a literal IP host up front (Node connects to literals without a lookup). */
export function checkLiteralHost(hostname: string, allowPrivate: boolean, blocked = blockedReason): void {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (allowPrivate || net.isIP(bare) === 0) return;
  const why = blocked(bare);
  if (why) throw refuse(hostname, why);
}

/**
 * A `lookup` for `http.request`: resolves the name and refuses it when any address is blocked.
 * The connection then goes to exactly the address checked here, so a DNS answer that changes
 * between check and connect (rebinding) cannot slip through.
 */
export function guardedLookup(allowPrivate: boolean, blocked = blockedReason): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true, verbatim: true }, (err, addresses) => {
      if (err) return callback(err, '', 0);
      const list = addresses as dns.LookupAddress[];
      if (list.length === 0) return callback(new Error(`no address for ${hostname}`), '', 0);
      if (!allowPrivate) {
        for (const a of list) {
          const why = blocked(a.address);
          if (why) return callback(refuse(hostname, `it resolves to ${why}`) as NodeJS.ErrnoException, '', 0);
        }
      }
      if ((options as dns.LookupOptions).all) return (callback as any)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}
