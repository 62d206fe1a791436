import { Command, Option } from 'clipanion';
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
    const { default: qrcode } = await import('qrcode-terminal');
    const client = await this.connect();
    try {
      let lastQr: string | undefined;
      const showQr = (qr: unknown) => {
        if (typeof qr !== 'string' || qr === lastQr || this.json) return;
        lastQr = qr;
        this.out('Scan this QR code with WhatsApp (Settings → Linked devices → Link a device):');
        qrcode.generate(qr, { small: true }, (art) => this.out(art));
      };
      const off = client.onEvent((e) => {
        if (e.event === 'channels.login' && e.payload?.status === 'qr') showQr(e.payload.qr);
      });
      // The gateway bounds the login by timeoutMs (5 s–10 min); our own deadline leaves it time to answer.
      const params = {
        channel: this.channel,
        ...(this.account ? { accountId: this.account } : {}),
        timeoutMs: Math.min(600_000, Math.max(5000, timeoutMs)),
      };
      const result = await withProgress(
        this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
        `Linking ${this.channel}…`,
        () =>
          client.request<Record<string, any>>('channels.login', params, {
            timeoutMs: timeoutMs + 5000,
            onAccepted: (ack) => showQr(ack.qr),
          }),
      );
      off();
      showQr(result.qr);
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
