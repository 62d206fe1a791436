import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { relativeTime, shortId, textTable } from '../cli/text-table.js';

export class DevicesListCommand extends GatewayCommand {
  static override paths = [['devices', 'list'], ['devices']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Devices waiting for approval, and paired devices with their last-seen time (`device.pair.list`).',
    examples: [
      ['Pending and paired devices', 'moltbot devices list'],
      ['As JSON', 'moltbot devices list --json'],
    ],
  });

  async run(): Promise<void> {
    const result = await this.call<{ pending: any[]; paired: any[] }>('device.pair.list', {});
    this.emit(result, () => {
      const s = this.style;
      this.out(s.bold(`Pending (${result.pending.length})`));
      if (result.pending.length) {
        const rows = result.pending.map((r) => [
          r.requestId,
          shortId(r.deviceId),
          r.role,
          r.displayName,
          r.platform,
          `${r.remoteIp}${r.browser ? ' (browser)' : ''}`,
          `${relativeTime(r.expiresAtMs)}${r.isRepair ? ' (re-pair)' : ''}`,
        ]);
        for (const line of textTable(['REQUEST', 'DEVICE', 'ROLE', 'NAME', 'PLATFORM', 'FROM', 'EXPIRES'], rows))
          this.out(`  ${line}`);
        this.out(s.dim('  approve with: moltbot devices approve <request>'));
      }
      this.out('');
      this.out(s.bold(`Paired (${result.paired.length})`));
      if (result.paired.length) {
        const rows = result.paired.map((d) => [
          shortId(d.deviceId),
          d.role,
          d.scopes.join(','),
          d.displayName,
          d.clientId,
          d.connected ? 'connected' : relativeTime(d.lastSeenAtMs),
          d.hasToken ? 'active' : 'revoked',
        ]);
        for (const line of textTable(['DEVICE', 'ROLE', 'SCOPES', 'NAME', 'CLIENT', 'LAST SEEN', 'TOKEN'], rows))
          this.out(`  ${line}`);
      }
    });
  }
}
