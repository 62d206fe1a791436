import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserTypeCommand extends BrowserCommand {
  static override paths = [['browser', 'type']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Type text into an element by its ref (replaces its value).',
    examples: [
      ['Fill a field', 'moltbot browser type e7 "hello world"'],
      ['And press Enter', 'moltbot browser type e7 "moltbot" --submit'],
    ],
  });

  ref = Option.String({ name: 'ref' });
  text = Option.String({ name: 'text' });
  targetId = Option.String('--target-id', { description: 'Tab (default: the active one)' });
  submit = Option.Boolean('--submit', false, { description: 'Press Enter afterwards' });

  async run(): Promise<void> {
    const r = await this.browser('type', {
      ref: this.ref,
      text: this.text,
      targetId: this.targetId,
      submit: this.submit,
    });
    this.emit(r, () => this.out(`typed into ${this.ref}`));
  }
}
