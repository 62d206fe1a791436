import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { relativeTime, shortId, textTable } from '../cli/text-table.js';

export class NodesPendingCommand extends GatewayCommand {
  static override paths = [['nodes', 'pending']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Nodes waiting for approval (`node.pair.list`).',
    examples: [['Pending nodes', 'moltbot nodes pending']],
  });

  async run(): Promise<void> {
    const result = await this.call<{ pending: any[] }>('node.pair.list', {});
    this.emit(result.pending, () => {
      if (!result.pending.length) {
        this.out('no nodes are waiting for approval');
        return;
      }
      const rows = result.pending.map((r) => [
        r.requestId,
        shortId(r.nodeId),
        r.displayName,
        r.platform,
        r.commands?.join(', '),
        r.remoteIp,
        relativeTime(r.expiresAtMs),
      ]);
      for (const line of textTable(['REQUEST', 'NODE', 'NAME', 'PLATFORM', 'COMMANDS', 'FROM', 'EXPIRES'], rows))
        this.out(line);
      this.out(this.style.dim('approve with: moltbot nodes approve <request>'));
    });
  }
}
