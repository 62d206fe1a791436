import { Command } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserStartCommand extends BrowserCommand {
  static override paths = [['browser', 'start']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Start the browser of a profile (launches Chromium for a managed profile).',
    examples: [['Start the managed browser', 'moltbot browser start']],
  });

  async run(): Promise<void> {
    const s = await this.browser('start');
    this.emit(s, () => this.out(`${s.profile}: running${s.pid ? ` (pid ${s.pid})` : ''}, CDP ${s.cdpUrl}`));
  }
}
