import { Command, Option } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserCreateProfileCommand extends BrowserCommand {
  static override paths = [['browser', 'create-profile']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Create a managed profile with its own user-data dir and a CDP port (kept).',
    examples: [
      ['Create a profile', 'moltbot browser create-profile work'],
      ['With a colour and port', 'moltbot browser create-profile work --color "#1f6feb" --cdp-port 18810'],
    ],
  });

  name = Option.String({ name: 'name' });
  color = Option.String('--color', { description: 'Colour, #RRGGBB' });
  cdpPort = Option.String('--cdp-port', {
    description: 'CDP port (default: the next free one in browser.cdpPortRange)',
  });

  async run(): Promise<void> {
    const r = await this.browser('create-profile', { name: this.name, color: this.color, cdpPort: this.cdpPort });
    this.emit(r, () => this.out(`created ${r.profile.name} (CDP port ${r.profile.cdpPort})`));
  }
}
