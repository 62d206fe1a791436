import { Command } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserStopCommand extends BrowserCommand {
  static override paths = [['browser', 'stop']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Stop the browser of a profile (frees its CDP port).',
    examples: [['Stop the managed browser', 'moltbot browser stop']],
  });

  async run(): Promise<void> {
    const s = await this.browser('stop');
    this.emit(s, () => this.out(s.stopped ? `${s.profile}: stopped` : `${s.profile}: was not running`));
  }
}
