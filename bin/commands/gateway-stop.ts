import { Command } from 'clipanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { withProgress } from '../cli/progress.js';
import { actionCommands, installedSpec, runPlanned } from '../service/service-manager.js';

export class GatewayStopCommand extends MoltbotCommand {
  static override paths = [['gateway', 'stop']];
  static override usage = Command.Usage({
    category: 'Service',
    description: 'Stop the installed gateway service (systemctl --user stop on Linux, launchctl on macOS).',
    examples: [
      ['Stop the service', 'moltbot gateway stop'],
      ['Stop the dev profile service', 'moltbot --dev gateway stop'],
    ],
  });

  async run(): Promise<void> {
    const spec = installedSpec(this.gatewayPaths(), process.env);
    if (!spec) {
      throw new CliError(
        'GW_ERR_CLI_SERVICE',
        `no gateway service is installed for this profile: install one with "${this.hint('gateway install')}", or ` +
          `run "${this.hint('gateway')}" in the foreground (stop that one with Ctrl-C)`,
      );
    }
    await withProgress(
      this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
      `Stopping ${spec.name}…`,
      async () => runPlanned(actionCommands(spec, 'stop'), process.env),
    );
    this.out(`stopped ${spec.name}`);
  }
}
