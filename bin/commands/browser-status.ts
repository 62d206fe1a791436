import { Command } from 'clipanion';
import { BrowserCommand } from '../cli/browser-command.js';

export class BrowserStatusCommand extends BrowserCommand {
  static override paths = [['browser', 'status']];
  static override usage = Command.Usage({
    category: 'Browser',
    description: 'Show the browser of a profile: running, pid, CDP port, a crash if there was one.',
    examples: [
      ['Status of the managed browser', 'moltbot browser status'],
      ['Another profile, as JSON', 'moltbot browser status --browser-profile work --json'],
    ],
  });

  async run(): Promise<void> {
    const s = await this.browser('status');
    this.emit(s, () => {
      const state = s.process?.state ?? (s.running ? 'running' : 'stopped');
      this.out(`${s.profile}: ${state}${s.pid ? ` (pid ${s.pid})` : ''}, CDP ${s.cdpUrl}, driver ${s.driver}`);
      if (state === 'crashed')
        this.out(
          `  exited ${s.process.signal ?? `with code ${s.process.exitCode}`}; not restarted (moltbot browser start)`,
        );
      if (s.detectError) this.out(`  ${s.detectError}`);
    });
  }
}
