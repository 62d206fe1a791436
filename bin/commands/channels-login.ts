import { Command, Option } from 'clipanion';
import { linkChannel } from '../cli/channel-link.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { withProgress } from '../cli/progress.js';

export class ChannelsLoginCommand extends GatewayCommand {
  static override paths = [['channels', 'login']];
  static override usage = Command.Usage({
    category: 'Channels',
    description: 'Link a channel account (WhatsApp: shows the QR code to scan) via `channels.login`.',
    details: 'Waits until the account is linked or --timeout (default 3m) passes. Needs the channel plugin enabled.',
    examples: [
      ['Link WhatsApp', 'moltbot channels login --channel whatsapp'],
      ['A second WhatsApp account', 'moltbot channels login --channel whatsapp --account work'],
    ],
  });

  channel = Option.String('--channel', 'whatsapp', { description: 'Channel to link (default whatsapp)' });
  account = Option.String('--account', { description: 'Account id (default: the default account)' });

  async run(): Promise<void> {
    const timeoutMs = this.timeoutMs(180_000);
    const client = await this.connect();
    try {
      const { result } = await withProgress(
        this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
        `Linking ${this.channel}…`,
        () =>
          linkChannel(client, {
            channel: this.channel,
            account: this.account,
            timeoutMs,
            print: (text) => this.out(text),
            quiet: this.json,
          }),
      );
      this.emit(result, () =>
        this.out(
          result.linked === false
            ? `${this.channel}: not linked yet (${result.message ?? 'scan the QR code, then run this again'})`
            : `${this.channel}${this.account ? `/${this.account}` : ''} linked`,
        ),
      );
    } finally {
      client.close();
    }
  }
}
