import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class ChannelsLogoutCommand extends GatewayCommand {
  static override paths = [['channels', 'logout']];
  static override usage = Command.Usage({
    category: 'Channels',
    description: 'Unlink a channel account and forget its credentials (`channels.logout`).',
    examples: [['Unlink WhatsApp', 'moltbot channels logout --channel whatsapp']],
  });

  channel = Option.String('--channel', { required: true, description: 'Channel to unlink' });
  account = Option.String('--account', { description: 'Account id (default: the default account)' });

  async run(): Promise<void> {
    const result = await this.call<Record<string, any>>('channels.logout', {
      channel: this.channel,
      ...(this.account ? { accountId: this.account } : {}),
    });
    this.emit(result, () => this.out(`${this.channel}${this.account ? `/${this.account}` : ''} logged out`));
  }
}
