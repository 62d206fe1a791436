import { Command } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserProfilesCommand extends BrowserCommand {
  static override paths = [['browser', 'profiles']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'List the browser profiles: driver, CDP port, where each comes from.',
    examples: [['List profiles', 'moltbot browser profiles']],
  });

  async run(): Promise<void> {
    const r = await this.browser('profiles');
    this.emit(r, () => {
      for (const p of r.profiles)
        this.out(
          `${p.default ? '*' : ' '} ${String(p.name).padEnd(12)} ${String(p.driver).padEnd(10)} ` +
            `${String(p.cdpPort).padEnd(6)} ${String(p.source).padEnd(8)} ${p.running ? 'running' : ''}`,
        );
    });
  }
}
