import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserFocusCommand extends BrowserCommand {
  static override paths = [['browser', 'focus']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Make a tab the active one (actions without --target-id use it).',
    examples: [['Focus a tab', 'moltbot browser focus 6A1F0C2E9B7D']],
  });

  targetId = Option.String({ name: 'targetId' });

  async run(): Promise<void> {
    const r = await this.browser('focus', { targetId: this.targetId });
    this.emit(r, () => this.out(`focused ${r.targetId}  ${r.url}`));
  }
}
