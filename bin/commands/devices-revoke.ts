import { Command, Option } from 'clipanion';
import { resolveDeviceId } from '../cli/device-ref.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { shortId } from '../cli/text-table.js';

export class DevicesRevokeCommand extends GatewayCommand {
  static override paths = [['devices', 'revoke']];
  static override usage = Command.Usage({
    category: 'Nodes and devices',
    description: "Revoke a device token and close that device's open connections at once (`device.token.revoke`).",
    examples: [
      ['Revoke a node', 'moltbot devices revoke 3f2ac1b0d9e1 --role node'],
      ['Revoke an operator device', 'moltbot devices revoke 3f2ac1b0d9e1'],
    ],
  });

  device = Option.String({ name: 'deviceId' });
  role = Option.String('--role', { description: 'operator (default) or node' });

  async run(): Promise<number> {
    const client = await this.connect();
    try {
      const { paired } = await client.request('device.pair.list', {}, { timeoutMs: this.timeoutMs() });
      const deviceId = resolveDeviceId(this.device, paired);
      const role = this.role ?? defaultRole(paired, deviceId);
      const result = await client.request('device.token.revoke', { deviceId, role }, { timeoutMs: this.timeoutMs() });
      this.emit({ deviceId, role, ...result }, () =>
        this.out(
          result.ok
            ? `revoked the ${role} token of ${shortId(deviceId)}; its connections were closed`
            : `${shortId(deviceId)} has no ${role} token to revoke`,
        ),
      );
      return result.ok ? 0 : 1;
    } finally {
      client.close();
    }
  }
}

/** The device's only role, else operator. */
export function defaultRole(paired: ReadonlyArray<{ deviceId: string; role: string }>, deviceId: string): string {
  const roles = paired.filter((d) => d.deviceId === deviceId).map((d) => d.role);
  return roles.length === 1 ? roles[0]! : 'operator';
}
