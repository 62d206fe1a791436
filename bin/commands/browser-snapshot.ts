import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserSnapshotCommand extends BrowserCommand {
  static override paths = [['browser', 'snapshot']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Print the page as the agent reads it: the accessibility tree, elements tagged [ref=eN].',
    examples: [
      ['Snapshot the active tab', 'moltbot browser snapshot'],
      ['As JSON', 'moltbot browser snapshot --json'],
    ],
  });

  targetId = Option.String('--target-id', { description: 'Tab (default: the active one)' });
  maxChars = Option.String('--max-chars', { description: 'Cut the snapshot at this many characters' });

  async run(): Promise<void> {
    const r = await this.browser('snapshot', { targetId: this.targetId, maxChars: this.maxChars });
    this.emit(r, () => {
      this.out(`# ${r.title} — ${r.url}`);
      this.out(r.snapshot);
    });
  }
}
