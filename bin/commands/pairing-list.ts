import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class PairingListCommand extends GatewayCommand {
  static override paths = [['pairing', 'list']];
  static override usage = Command.Usage({
    category: 'Channels',
    description: 'List pending pairing requests (`pairing.list`; needs a channel plugin with DM pairing).',
    examples: [
      ['All channels', 'moltbot pairing list'],
      ['Telegram only', 'moltbot pairing list telegram --json'],
    ],
  });

  channel = Option.String({ name: 'channel', required: false });

  async run(): Promise<void> {
    const result = await this.call<Record<string, any>>('pairing.list', this.channel ? { channel: this.channel } : {});
    this.emit(result, () => {
      const requests = (result.requests ?? []) as Array<Record<string, any>>;
      if (requests.length === 0) this.out('no pending pairing requests');
      for (const r of requests) {
        const expires =
          typeof r.expiresAt === 'number' ? `expires ${new Date(r.expiresAt).toISOString().slice(11, 16)} UTC` : '';
        this.out(
          (
            `${String(r.channel ?? '').padEnd(10)} ${String(r.code ?? '').padEnd(10)} ${r.senderId ?? ''} ` +
            `${r.senderName ?? r.senderUsername ?? ''} ${expires}`
          ).replace(/\s+$/, ''),
        );
      }
      if (requests.length) this.out(`approve with: ${this.hint('pairing approve <channel> <code>')}`);
    });
  }
}
