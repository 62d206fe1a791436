import os from 'node:os';
import { Bonjour, type Service } from 'bonjour-service';
import type { Logger } from 'pino';
import { SERVICE_TYPE } from './gateway-beacon.js';

export interface Advertisement {
  name: string;
  port: number;
  txt: Record<string, string>;
  /** The address the gateway listens on; undefined or a wildcard means every interface. */
  bindHost: string;
}

/**
 * One `_moltbot-gw._tcp` advertisement through bonjour-service (multicast-dns). Bound to one
 * address, the gateway multicasts on that interface only and announces only that address (the
 * library would otherwise announce every interface's, where nothing listens). `stop()` sends
 * the goodbye (TTL 0) and closes the socket.
 */
export class MdnsAdvertiser {
  private readonly bonjour: Bonjour;
  private readonly service: Service;

  constructor(ad: Advertisement, logger: Logger) {
    const wildcard = ad.bindHost === '0.0.0.0' || ad.bindHost === '::';
    // The options go to multicast-dns (the typings say otherwise): `interface` is the one to
    // multicast on; the socket itself must bind the wildcard, since a socket bound to a unicast
    // address never receives the multicast queries it is meant to answer.
    const socketOptions = (wildcard ? {} : { interface: ad.bindHost, bind: '0.0.0.0' }) as ConstructorParameters<
      typeof Bonjour
    >[0];
    this.bonjour = new Bonjour(socketOptions, (err: Error) => logger.warn({ err: err.message }, 'mDNS error'));
    this.service = this.bonjour.publish({
      name: ad.name,
      type: SERVICE_TYPE,
      protocol: 'tcp',
      port: ad.port,
      txt: ad.txt,
      host: `${hostLabel()}.local`,
      disableIPv6: !wildcard && !ad.bindHost.includes(':'),
    });
    if (!wildcard) {
      // Announced after the probe (a few hundred ms later), so this is in place in time.
      const records = this.service.records.bind(this.service);
      this.service.records = () =>
        records().filter((r) => (r.type !== 'A' && r.type !== 'AAAA') || r.data === ad.bindHost);
    }
    this.service.on('up', () => logger.info({ name: ad.name, port: ad.port }, 'mDNS: advertising _moltbot-gw._tcp'));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      const done = () => this.bonjour.destroy(() => resolve());
      // A service never announced (stopped during its probe) has no goodbye to send.
      if (!this.service.published) return done();
      this.service.stop?.(done);
    });
  }
}

function hostLabel(): string {
  return (
    os
      .hostname()
      .split('.')[0]!
      .replace(/[^A-Za-z0-9-]/g, '-')
      .replace(/^-+|-+$/g, '') || 'moltbot-gateway'
  );
}
