import { Command, Option } from 'clipanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { parseDuration } from '../cli/duration-option.js';
import { textTable } from '../cli/text-table.js';

export interface DiscoveredGateway {
  name: string;
  host: string;
  port: number;
  addresses: string[];
  wsUrl?: string;
  version?: string;
  protocol?: number;
  tls: boolean;
  tlsSha256?: string;
  txt: Record<string, string>;
}

export class GatewayDiscoverCommand extends MoltbotCommand {
  static override paths = [['gateway', 'discover']];
  static override usage = Command.Usage({
    category: 'Gateway',
    description: 'Find gateways on the local network (Bonjour/mDNS browse for _moltbot-gw._tcp).',
    details: `
      A gateway advertises itself when it binds beyond loopback (gateway.bind) and
      discovery.mdns.mode is not off. mDNS does not cross networks: for a tailnet, see
      moltbot dns-sd export.
    `,
    examples: [
      ['Browse for 2 s', 'moltbot gateway discover'],
      ['Longer, as JSON', 'moltbot gateway discover --timeout 5s --json'],
    ],
  });

  timeout = Option.String('--timeout', { description: 'How long to listen: ms or 2s/10s (default 2s)' });
  iface = Option.String('--interface', { description: 'Browse on the interface with this IPv4 address' });
  json = Option.Boolean('--json', false, { description: 'Print machine-readable JSON on stdout' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<number> {
    const waitMs = this.timeout ? parseDuration(this.timeout, '--timeout') : 2000;
    const { Bonjour } = await import('bonjour-service');
    const { SERVICE_TYPE } = await import('../../plugins/discovery/gateway-beacon.js');
    // The options go to multicast-dns (the typings say otherwise): `interface` is where to send and
    // join the group; the socket binds the wildcard (bound to a unicast address it hears no multicast).
    const options = (this.iface ? { interface: this.iface, bind: '0.0.0.0' } : {}) as ConstructorParameters<
      typeof Bonjour
    >[0];
    const bonjour = new Bonjour(options, (err: Error) => this.err(`mDNS: ${err.message}`));
    const found = new Map<string, DiscoveredGateway>();
    const browser = bonjour.find({ type: SERVICE_TYPE, protocol: 'tcp' }, (s) => {
      const txt = Object.fromEntries(Object.entries(s.txt ?? {}).map(([k, v]) => [k, String(v)]));
      const addresses = [...new Set(s.addresses ?? [])].sort(
        (a, b) => Number(a.includes(':')) - Number(b.includes(':')),
      );
      const tls = txt.gatewayTls === '1';
      const address = addresses[0];
      found.set(s.fqdn ?? s.name, {
        name: s.name,
        host: s.host,
        port: s.port,
        addresses,
        wsUrl: address
          ? `${tls ? 'wss' : 'ws'}://${address.includes(':') ? `[${address}]` : address}:${s.port}`
          : undefined,
        version: txt.version,
        protocol: txt.protocol ? Number(txt.protocol) : undefined,
        tls,
        tlsSha256: txt.gatewayTlsSha256,
        txt,
      });
    });
    await new Promise((r) => setTimeout(r, waitMs));
    browser.stop();
    await new Promise<void>((resolve) => bonjour.destroy(() => resolve()));
    const gateways = [...found.values()];
    if (this.json) {
      this.printJson({ gateways });
    } else if (!gateways.length) {
      this.out(`no gateways found in ${waitMs} ms (a gateway advertises only when it binds beyond loopback)`);
    } else {
      const rows = gateways.map((g) => [g.name, g.wsUrl, g.version, g.protocol?.toString(), g.tls ? 'tls' : 'plain']);
      for (const line of textTable(['NAME', 'URL', 'VERSION', 'PROTOCOL', 'TRANSPORT'], rows)) this.out(line);
    }
    return gateways.length ? 0 : 1;
  }
}
