import { Command } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserTabsCommand extends BrowserCommand {
  static override paths = [['browser', 'tabs']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'List the open tabs (the active one is marked).',
    examples: [['List tabs', 'moltbot browser tabs']],
  });

  async run(): Promise<void> {
    const r = await this.browser('tabs');
    this.emit(r, () => {
      if (!r.running) return this.out('the browser is not running (moltbot browser start)');
      for (const t of r.tabs) this.out(`${t.active ? '*' : ' '} ${t.targetId}  ${t.title || '(untitled)'}  ${t.url}`);
    });
  }
}
