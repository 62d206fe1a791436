import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { findNode } from '../cli/node-ref.js';
import { shortId } from '../cli/text-table.js';

export class NodesRenameCommand extends GatewayCommand {
  static override paths = [['nodes', 'rename']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Give a node a display name that sticks across its reconnects (`node.rename`).',
    examples: [['Rename', 'moltbot nodes rename 3f2ac1b0d9e1 "build box"']],
  });

  node = Option.String({ name: 'node' });
  displayName = Option.String({ name: 'name' });

  async run(): Promise<void> {
    const client = await this.connect();
    try {
      const node = await findNode(client, this.node, this.timeoutMs());
      const result = await client.request(
        'node.rename',
        { nodeId: node.nodeId, displayName: this.displayName },
        { timeoutMs: this.timeoutMs() },
      );
      this.emit(result, () => this.out(`node ${shortId(result.nodeId)} is now "${result.displayName}"`));
    } finally {
      client.close();
    }
  }
}
