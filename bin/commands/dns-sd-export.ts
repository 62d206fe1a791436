import { execFile } from 'node:child_process';
import os from 'node:os';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { PROTOCOL_VERSION } from '../../kernel/protocol/frames.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { packageVersion } from '../package-version.js';

export class DnsSdExportCommand extends MoltbotCommand {
  static override paths = [['dns-sd', 'export']];
  static override usage = Command.Usage({
    category: 'Gateway',
    description:
      "Print wide-area DNS-SD records for this gateway (unicast Bonjour in your own zone, e.g. a tailnet's).",
    details: `
      mDNS stays on one network. To let apps on your tailnet find this gateway, serve these
      records from a DNS server for your zone (default moltbot.internal., or
      discovery.wideArea.domain) and point Tailscale split DNS for that zone at it. The host is
      --host, else CLAWDBOT_TAILNET_DNS, else this machine's MagicDNS name from
      "tailscale status", else its hostname.
    `,
    examples: [
      ['Records for the default zone', 'moltbot dns-sd export'],
      ['Another zone and host', 'moltbot dns-sd export --domain home.internal --host vm.tail1234.ts.net'],
    ],
  });

  domain = Option.String('--domain', {
    description: 'The zone (default: discovery.wideArea.domain or moltbot.internal.)',
  });
  host = Option.String('--host', { description: "The gateway's host name in DNS (default: its MagicDNS name)" });
  port = Option.String('--port', {
    description: "The gateway's port (default: the profile's)",
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65535)]),
  });

  async run(): Promise<void> {
    const [{ readLocalProfile }, beacon, { wideAreaRecords }] = await Promise.all([
      import('../cli/local-profile.js'),
      import('../../plugins/discovery/gateway-beacon.js'),
      import('../../plugins/discovery/dns-sd-records.js'),
    ]);
    const local = readLocalProfile(this.gatewayPaths());
    const discovery = (local.config.discovery ?? {}) as { wideArea?: { domain?: string }; mdns?: { name?: string } };
    const gateway = (local.config.gateway ?? {}) as { tls?: { certPath?: string } };
    const port = this.port ?? local.port;
    const name = discovery.mdns?.name ?? beacon.defaultInstanceName(port);
    const host = this.host ?? process.env.CLAWDBOT_TAILNET_DNS ?? (await magicDnsName()) ?? os.hostname();
    const lines = wideAreaRecords({
      domain: this.domain ?? discovery.wideArea?.domain ?? 'moltbot.internal.',
      instanceName: name,
      host,
      port,
      txt: beacon.beaconTxt({
        port,
        protocol: PROTOCOL_VERSION,
        version: packageVersion(),
        displayName: name,
        tlsSha256: local.tls ? beacon.certificateSha256(gateway.tls?.certPath) : undefined,
        mode: 'minimal',
      }),
    });
    for (const line of lines) this.out(line);
  }
}

/** This machine's tailnet name (`tailscale status --json` → Self.DNSName), or undefined. */
function magicDnsName(): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('tailscale', ['status', '--json'], { timeout: 2000 }, (err, stdout) => {
      if (err) return resolve(undefined);
      try {
        const name = (JSON.parse(stdout) as { Self?: { DNSName?: string } }).Self?.DNSName;
        resolve(name || undefined);
      } catch {
        resolve(undefined);
      }
    });
  });
}
