import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserCloseCommand extends BrowserCommand {
  static override paths = [['browser', 'close']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Close a tab (default: the active one).',
    examples: [
      ['Close the active tab', 'moltbot browser close'],
      ['Close a tab', 'moltbot browser close 6A1F0C2E9B7D'],
    ],
  });

  targetId = Option.String({ name: 'targetId', required: false });

  async run(): Promise<void> {
    const r = await this.browser('close', this.targetId ? { targetId: this.targetId } : {});
    this.emit(r, () => this.out(`closed ${r.targetId}`));
  }
}
