import { Command, Option } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class CronRmCommand extends GatewayCommand {
  static override paths = [
    ['cron', 'rm'],
    ['cron', 'remove'],
  ];
  static override usage = Command.Usage({
    category: 'Automation',
    description: 'Remove a job and its run history (`cron.remove`).',
    examples: [['Remove one', 'moltbot cron rm 3f2a…']],
  });

  id = Option.String({ name: 'id' });

  async run(): Promise<void> {
    const result = await this.call<{ ok: boolean; removed: boolean }>('cron.remove', { id: this.id });
    if (!result.removed)
      throw new CliError(
        'GW_ERR_CLI_REQUEST_FAILED',
        `no cron job "${this.id}" (moltbot cron list --all shows the ids)`,
      );
    this.emit(result, () => this.out(`removed ${this.id}`));
  }
}
