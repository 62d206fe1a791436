import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserNavigateCommand extends BrowserCommand {
  static override paths = [['browser', 'navigate']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Load a URL in a tab (default: the active one).',
    examples: [['Navigate the active tab', 'moltbot browser navigate https://example.com/docs']],
  });

  pageUrl = Option.String({ name: 'url' });
  targetId = Option.String('--target-id', { description: 'Tab (default: the active one)' });

  async run(): Promise<void> {
    const r = await this.browser('navigate', { url: this.pageUrl, targetId: this.targetId });
    this.emit(r, () => this.out(`${r.targetId}  ${r.title}  ${r.url}`));
  }
}
