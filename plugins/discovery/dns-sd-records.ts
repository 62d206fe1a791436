import { SERVICE_FQDN_TYPE } from './gateway-beacon.js';

export interface WideAreaInput {
  /** The zone, e.g. `moltbot.internal.` */
  domain: string;
  instanceName: string;
  /** The gateway's host name clients resolve (a tailnet MagicDNS name), fully qualified. */
  host: string;
  port: number;
  txt: Record<string, string>;
  ttlSeconds?: number;
}

/**
 * Unicast DNS-SD ("wide-area Bonjour", RFC 6763 §11) records for one gateway, as a zone file
 * fragment: the browse domain pointers, the service type, the instance's PTR, SRV and TXT.
 * Load them into the zone a split-DNS resolver serves for the tailnet.
 */
export function wideAreaRecords(input: WideAreaInput): string[] {
  const origin = absolute(input.domain);
  const instance = `${escapeLabel(input.instanceName)}.${SERVICE_FQDN_TYPE}`;
  const txt = Object.entries(input.txt)
    .map(([k, v]) => `"${`${k}=${v}`.replace(/["\\]/g, (c) => `\\${c}`)}"`)
    .join(' ');
  return [
    `$ORIGIN ${origin}`,
    `$TTL ${input.ttlSeconds ?? 300}`,
    `; Moltbot gateway "${input.instanceName}": ${SERVICE_FQDN_TYPE} in ${origin}`,
    'b._dns-sd._udp IN PTR @',
    'lb._dns-sd._udp IN PTR @',
    `_services._dns-sd._udp IN PTR ${SERVICE_FQDN_TYPE}`,
    `${SERVICE_FQDN_TYPE} IN PTR ${instance}`,
    `${instance} IN SRV 0 0 ${input.port} ${absolute(input.host)}`,
    `${instance} IN TXT ${txt}`,
  ];
}

/** A DNS label in zone-file syntax: dots and backslashes escaped, spaces and other bytes as \DDD. */
export function escapeLabel(label: string): string {
  let out = '';
  for (const byte of Buffer.from(label, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '.' || c === '\\') out += `\\${c}`;
    else if (/[A-Za-z0-9_-]/.test(c)) out += c;
    else out += `\\${String(byte).padStart(3, '0')}`;
  }
  return out;
}

function absolute(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}
