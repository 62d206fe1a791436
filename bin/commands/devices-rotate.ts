import { Command, Option } from 'clipanion';
import { resolveDeviceId } from '../cli/device-ref.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { shortId } from '../cli/text-table.js';
import { defaultRole } from './devices-revoke.js';

export class DevicesRotateCommand extends GatewayCommand {
  static override paths = [['devices', 'rotate']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: 'Issue a device a new token; the old one stops working (`device.token.rotate`).',
    details: `
      Prints the new token once: hand it to the device (it is not shown again, and only its
      hash is stored).
    `,
    examples: [['Rotate a node token', 'moltbot devices rotate 3f2ac1b0d9e1 --role node']],
  });

  device = Option.String({ name: 'deviceId' });
  role = Option.String('--role', { description: 'operator (default) or node' });

  async run(): Promise<void> {
    const client = await this.connect();
    try {
      const { paired } = await client.request('device.pair.list', {}, { timeoutMs: this.timeoutMs() });
      const deviceId = resolveDeviceId(this.device, paired);
      const role = this.role ?? defaultRole(paired, deviceId);
      const result = await client.request('device.token.rotate', { deviceId, role }, { timeoutMs: this.timeoutMs() });
      this.emit(result, () => {
        this.out(`new ${role} token for ${shortId(deviceId)} (shown once):`);
        this.out(result.deviceToken);
      });
    } finally {
      client.close();
    }
  }
}
