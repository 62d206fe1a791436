import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserDeleteProfileCommand extends BrowserCommand {
  static override paths = [['browser', 'delete-profile']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Delete a created profile: stops its browser, removes its user-data dir.',
    examples: [['Delete a profile', 'moltbot browser delete-profile work']],
  });

  name = Option.String({ name: 'name' });

  async run(): Promise<void> {
    const r = await this.browser('delete-profile', { name: this.name });
    this.emit(r, () => this.out(`deleted ${r.deleted}`));
  }
}
