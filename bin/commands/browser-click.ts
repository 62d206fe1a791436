import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserClickCommand extends BrowserCommand {
  static override paths = [['browser', 'click']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Click an element by its ref from the latest snapshot.',
    examples: [['Click ref e12', 'moltbot browser click e12']],
  });

  ref = Option.String({ name: 'ref' });
  targetId = Option.String('--target-id', { description: 'Tab (default: the active one)' });
  double = Option.Boolean('--double', false, { description: 'Double-click' });

  async run(): Promise<void> {
    const r = await this.browser('click', { ref: this.ref, targetId: this.targetId, doubleClick: this.double });
    this.emit(r, () => this.out(`clicked ${this.ref}  ${r.url}`));
  }
}
