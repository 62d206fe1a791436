import { Command } from 'clipanion';
import { AllowlistEditCommand } from '../cli/allowlist-edit-command.js';

export class ApprovalsAllowlistAddCommand extends AllowlistEditCommand {
  static override paths = [['approvals', 'allowlist', 'add']];
  static override usage = Command.Usage({
    category: 'Agents',
    description:
      'Allow a command pattern without asking: program and argument words, `*` one argument, a last `**` any ' +
      'remaining ones, a program path glob with `/`.',
    examples: [
      ['git status exactly, every agent', 'moltbot approvals allowlist add "git status"'],
      ['rg with any arguments for agent main', 'moltbot approvals allowlist add --agent main rg'],
      ['Anything in ~/bin', 'moltbot approvals allowlist add "~/bin/*"'],
    ],
  });

  async run(): Promise<void> {
    await this.change((list) => {
      if (list.some((e) => e.pattern === this.pattern)) return `already allowed for ${this.agent}: ${this.pattern}`;
      list.push({ id: crypto.randomUUID(), pattern: this.pattern });
      return `allowed for ${this.agent}: ${this.pattern}`;
    });
  }
}
