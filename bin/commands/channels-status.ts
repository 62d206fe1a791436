import { Command, Option } from 'clipanion';
import { GatewayCommand } from '../cli/gateway-command.js';

export class ChannelsStatusCommand extends GatewayCommand {
  static override paths = [['channels', 'status'], ['channels']];
  static override usage = Command.Usage({
    category: 'Channels',
    description: 'Link state of every channel and account (the gateway method `channels.status`).',
    examples: [
      ['All channels', 'moltbot channels status'],
      ['Probe the channel APIs now', 'moltbot channels status --probe --json'],
    ],
  });

  probe = Option.Boolean('--probe', false, { description: 'Ask each channel to check its connection now' });

  async run(): Promise<void> {
    const result = await this.call<Record<string, any>>('channels.status', this.probe ? { probe: true } : {});
    this.emit(result, () => {
      const s = this.style;
      const channels = (result.channels ?? {}) as Record<string, any>;
      const entries = Object.entries(channels).filter(([, c]) => c && typeof c === 'object');
      if (entries.length === 0) this.out('no channels are enabled');
      for (const [id, c] of entries) {
        const q = c.outbound ? `  outbound pending ${c.outbound.pending ?? 0}, dead ${c.outbound.dead ?? 0}` : '';
        const linked = c.linked ? s.green('linked') : s.yellow('not linked');
        this.out(`${id.padEnd(10)} ${linked}${q}${c.error ? `  ${s.red(String(c.error))}` : ''}`);
        for (const a of (c.accounts ?? []) as Array<Record<string, any>>) {
          const accountLinked = (a.linked ?? a.connected) ? s.green('linked') : s.yellow('not linked');
          const lastError = a.lastError ? ` (${a.lastError})` : '';
          this.out(`  ${a.accountId ?? a.id ?? 'default'}: ${accountLinked}${lastError}`);
        }
      }
      const dead = (result.deadLetters ?? []) as Array<Record<string, any>>;
      if (dead.length) this.out(s.yellow(`${dead.length} dead-lettered message(s): see --json (deadLetters)`));
    });
  }
}
