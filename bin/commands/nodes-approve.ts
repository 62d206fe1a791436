import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { shortId } from '../cli/text-table.js';

export class NodesApproveCommand extends GatewayCommand {
  static override paths = [['nodes', 'approve']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: "Approve a node's pairing request (`node.pair.approve`); it connects with its new token.",
    examples: [
      ['Approve', 'moltbot nodes approve 6f0c5c1e-2d7a-4b8e-9a51-0c3f2d1e4b7a'],
      ['Approve and name it', 'moltbot nodes approve 6f0c5c1e-2d7a-4b8e-9a51-0c3f2d1e4b7a --name build-box'],
    ],
  });

  requestId = Option.String({ name: 'requestId' });
  name = Option.String('--name', { description: 'Display name for the node' });

  async run(): Promise<void> {
    const params: Record<string, unknown> = { requestId: this.requestId };
    if (this.name) params.displayName = this.name;
    const result = await this.call<{ node: Record<string, any> }>('node.pair.approve', params);
    this.emit(result, () => {
      const n = result.node;
      this.out(`approved node ${shortId(n.nodeId)}${n.displayName ? ` (${n.displayName})` : ''}`);
      // A node paired through node.pair.request (no device key) is handed its token here, once.
      if (n.token) this.out(`node token (shown once; give it to the node): ${n.token}`);
    });
  }
}
