import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { findNode } from '../cli/node-ref.js';
import { relativeTime } from '../cli/text-table.js';

export class NodesDescribeCommand extends GatewayCommand {
  static override paths = [['nodes', 'describe']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'One node: what it declared and which commands the gateway lets you invoke (`node.describe`).',
    examples: [['By name', 'moltbot nodes describe build-box']],
  });

  node = Option.String({ name: 'node' });

  async run(): Promise<void> {
    const client = await this.connect();
    try {
      const { nodeId } = await findNode(client, this.node, this.timeoutMs());
      const n = await client.request('node.describe', { nodeId }, { timeoutMs: this.timeoutMs() });
      this.emit(n, () => {
        const blocked = n.commands.filter((c: string) => !n.invocableCommands.includes(c));
        const rows: Array<[string, string]> = [
          ['node', n.nodeId],
          ['name', n.displayName ?? '-'],
          ['platform', `${n.platform} ${n.version}`.trim()],
          ['state', n.connected ? `connected ${relativeTime(n.connectedAtMs)}` : 'offline'],
          ['last seen', n.connected ? 'now' : (relativeTime(n.lastSeenAtMs) ?? 'never')],
          ['paired', n.paired ? 'yes' : 'no'],
          ['address', n.remoteIp ?? '-'],
          ['caps', n.caps.join(', ') || '-'],
          ['invocable', n.invocableCommands.join(', ') || '-'],
          ['not allowed', blocked.length ? `${blocked.join(', ')} (gateway.nodes.allowCommands)` : '-'],
        ];
        for (const [k, v] of rows) this.out(`${k.padEnd(12)} ${v}`);
      });
    } finally {
      client.close();
    }
  }
}
