import { Command } from 'clipanion';
import { AllowlistEditCommand } from '../cli/allowlist-edit-command.js';
import { CliError } from '../cli/cli-error.js';

export class ApprovalsAllowlistRemoveCommand extends AllowlistEditCommand {
  static override paths = [['approvals', 'allowlist', 'remove']];
  static override usage = Command.Usage({
    category: 'Agents',
    description: "Remove a pattern from an agent's exec allowlist.",
    examples: [['Remove', 'moltbot approvals allowlist remove "git status"']],
  });

  async run(): Promise<void> {
    await this.change((list) => {
      const at = list.findIndex((e) => e.pattern === this.pattern);
      if (at < 0)
        throw new CliError('GW_ERR_CLI_INVALID_VALUE', `no pattern "${this.pattern}" for agent ${this.agent}`);
      list.splice(at, 1);
      return `removed for ${this.agent}: ${this.pattern}`;
    });
  }
}
