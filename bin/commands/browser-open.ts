import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserOpenCommand extends BrowserCommand {
  static override paths = [['browser', 'open']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Open a URL in a new tab (starts the browser when needed).',
    examples: [['Open a page', 'moltbot browser open https://example.com']],
  });

  pageUrl = Option.String({ name: 'url' });

  async run(): Promise<void> {
    const r = await this.browser('open', { url: this.pageUrl });
    this.emit(r, () => this.out(`${r.targetId}  ${r.title}  ${r.url}`));
  }
}
