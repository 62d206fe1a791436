import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { shortId } from '../cli/text-table.js';

export class NodesRejectCommand extends GatewayCommand {
  static override paths = [['nodes', 'reject']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: "Reject a node's pairing request (`node.pair.reject`).",
    examples: [['Reject', 'moltbot nodes reject 6f0c5c1e-2d7a-4b8e-9a51-0c3f2d1e4b7a']],
  });

  requestId = Option.String({ name: 'requestId' });

  async run(): Promise<void> {
    const result = await this.call<{ nodeId: string }>('node.pair.reject', { requestId: this.requestId });
    this.emit(result, () => this.out(`rejected the pairing request of node ${shortId(result.nodeId)}`));
  }
}
