import { Command } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { relativeTime, shortId, textTable } from '../cli/text-table.js';

export class NodesListCommand extends GatewayCommand {
  static override paths = [['nodes', 'list'], ['nodes']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Paired and connected nodes with their platform, state and commands (`node.list`).',
    examples: [
      ['All nodes', 'moltbot nodes list'],
      ['As JSON', 'moltbot nodes list --json'],
    ],
  });

  async run(): Promise<void> {
    const result = await this.call<{ nodes: any[] }>('node.list', {});
    this.emit(result, () => {
      if (!result.nodes.length) {
        this.out('no nodes: start one with moltbot node run --url <gateway>, then approve it (moltbot nodes pending)');
        return;
      }
      const s = this.style;
      const rows = result.nodes.map((n) => [
        shortId(n.nodeId),
        n.displayName,
        `${n.platform}${n.version ? ` ${n.version}` : ''}`,
        n.connected
          ? s.green('connected')
          : n.paired
            ? `offline, seen ${relativeTime(n.lastSeenAtMs) ?? 'never'}`
            : '-',
        n.paired ? 'yes' : 'no',
        n.commands.join(', '),
      ]);
      for (const line of textTable(['NODE', 'NAME', 'PLATFORM', 'STATE', 'PAIRED', 'COMMANDS'], rows)) this.out(line);
    });
  }
}
