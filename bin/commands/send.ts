import crypto from 'node:crypto';
import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class SendCommand extends GatewayCommand {
  static override paths = [['send']];
  static override usage = Command.Usage({
    category: 'Messaging',
    description: 'Send a message through a channel (the gateway method `send`; needs a channel plugin).',
    details:
      'Accepted messages are stored in the durable outbound queue before the gateway answers. Exit 7 when no channel ' +
      'plugin is enabled.',
    examples: [
      ['Telegram chat', 'moltbot send --channel telegram --to 123456789 --message "hello"'],
      [
        'WhatsApp with an image',
        'moltbot send --channel whatsapp --to +15551234567 --message "look" --media https://example.com/a.jpg',
      ],
    ],
  });

  to = Option.String('--to', { required: true, description: 'Recipient (chat id, phone number, …)' });
  message = Option.String('-m,--message', { required: true, description: 'Text to send' });
  channel = Option.String('--channel', { description: 'telegram, whatsapp, … (default: the gateway picks)' });
  account = Option.String('--account', { description: 'Channel account id' });
  media = Option.Array('--media', { description: 'Media URL (repeatable)' });
  idempotencyKey = Option.String('--idempotency-key', { description: 'Repeat-safe key (default: random)' });

  async run(): Promise<void> {
    const params = {
      to: this.to,
      message: this.message,
      ...(this.channel ? { channel: this.channel } : {}),
      ...(this.account ? { accountId: this.account } : {}),
      ...(this.media?.length ? { mediaUrls: this.media } : {}),
      idempotencyKey: this.idempotencyKey ?? crypto.randomUUID(),
    };
    const result = await this.call<{ messageId: string; channel: string; to: string }>('send', params);
    // The gateway answers once the message is in its durable outbound queue, not once the
    // channel delivered it: say so (delivery and dead letters show in `moltbot status`).
    this.emit(result, () =>
      this.out(
        `queued ${result.messageId} for ${result.channel} to ${result.to} ` +
          `(stored; the outbound queue delivers it, see ${this.hint('status')})`,
      ),
    );
  }
}
