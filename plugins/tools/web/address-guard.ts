import type net from 'node:net';
import {
  type AddressCheck,
  addressPolicy,
  checkedLookup,
  literalHostReason,
  nonPublicReason,
} from '../../../sdk/index.js';
import { toolsError } from '../errors.js';

/**
 * web_fetch's address check from `tools.web.fetch.allowAddresses`, parsed once per config
 * generation (the tools plugin builds it in register). The config schema already refuses a bad
 * entry; this throws GW_ERR_TOOLS_WEB_ALLOW_ADDRESS naming it should one get past that.
 */
export function webFetchAddressCheck(allowAddresses: readonly string[]): AddressCheck {
  try {
    return addressPolicy(allowAddresses);
  } catch (err) {
    throw toolsError('GW_ERR_TOOLS_WEB_ALLOW_ADDRESS', `tools.web.fetch.allowAddresses: ${(err as Error).message}`);
  }
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
export function checkLiteralHost(hostname: string, allowPrivate: boolean, check = nonPublicReason): void {
  if (allowPrivate) return;
  const why = literalHostReason(hostname, check);
  if (why) throw refuse(hostname, why);
}

/**
 * A `lookup` for `http.request` that refuses a name resolving to any refused address (the SDK's
 * checked lookup: the connection goes to exactly the checked address, so rebinding cannot slip
 * through). With allowPrivate nothing is refused.
 */
export function guardedLookup(allowPrivate: boolean, check = nonPublicReason): net.LookupFunction {
  return checkedLookup(allowPrivate ? () => undefined : check, (host, why) => refuse(host, `it resolves to ${why}`));
}
