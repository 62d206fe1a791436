import { Command } from 'clipanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { withProgress } from '../cli/progress.js';
import { actionCommands, installedSpec, runPlanned } from '../service/service-manager.js';

export class GatewayStartCommand extends MoltbotCommand {
  static override paths = [['gateway', 'start']];
  static override usage = Command.Usage({
    category: 'Service',
    description: 'Start the installed gateway service (systemctl --user start on Linux, launchctl on macOS).',
    examples: [
      ['Start the service', 'moltbot gateway start'],
      ['Start the dev profile service', 'moltbot --dev gateway start'],
    ],
  });

  async run(): Promise<void> {
    const spec = installedSpec(this.gatewayPaths(), process.env);
    if (!spec) {
      throw new CliError(
        'GW_ERR_CLI_SERVICE',
        `no gateway service is installed for this profile: install one with "${this.hint('gateway install')}", or ` +
          `run "${this.hint('gateway')}" in the foreground`,
      );
    }
    await withProgress(
      this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
      `Starting ${spec.name}…`,
      async () => runPlanned(actionCommands(spec, 'start'), process.env),
    );
    this.out(`started ${spec.name}`);
  }
}
