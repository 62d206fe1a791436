import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';
import { shortId } from '../cli/text-table.js';

export class DevicesApproveCommand extends GatewayCommand {
  static override paths = [['devices', 'approve']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Approve a pairing request; the device gets its token at its next connect (`device.pair.approve`).',
    examples: [
      ['Approve a request', 'moltbot devices approve 6f0c5c1e-2d7a-4b8e-9a51-0c3f2d1e4b7a'],
      ['Approve an operator device for reading only', 'moltbot devices approve 6f0c5c1e-… --scopes operator.read'],
    ],
  });

  requestId = Option.String({ name: 'requestId' });
  scopes = Option.String('--scopes', { description: 'Comma-separated scopes the token carries (default: as asked)' });
  name = Option.String('--name', { description: 'Display name for the device' });

  async run(): Promise<void> {
    const params: Record<string, unknown> = { requestId: this.requestId };
    if (this.scopes)
      params.scopes = this.scopes
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean);
    if (this.name) params.displayName = this.name;
    const result = await this.call<{ device: Record<string, any> }>('device.pair.approve', params);
    this.emit(result, () => {
      const d = result.device;
      this.out(
        `approved ${shortId(d.deviceId)} (${d.displayName ?? d.clientId}) as ${d.role} with ${d.scopes.join(', ')}; ` +
          'it gets its device token at its next connect',
      );
    });
  }
}
