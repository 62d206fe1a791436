import { Command, Option } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { scheduleText, targetText, utc } from '../cli/cron-format.js';
import { CronJobCommand } from '../cli/cron-job-command.js';

export class CronEditCommand extends CronJobCommand {
  static override paths = [['cron', 'edit']];
  static override usage = Command.Usage({
    category: 'Automation',
    description: 'Change a job (`cron.update`): only the flags given change.',
    examples: [
      ['New schedule', 'moltbot cron edit 3f2a… --cron "30 8 * * *" --tz Europe/Berlin'],
      ['Pause it', 'moltbot cron edit 3f2a… --disable'],
      ['Stop announcing', 'moltbot cron edit 3f2a… --no-announce'],
    ],
  });

  id = Option.String({ name: 'id' });
  enable = Option.Boolean('--enable', { description: 'Enable (--disable: pause)' });
  disable = Option.Boolean('--disable', { description: 'Pause the job (it keeps its history)' });

  async run(): Promise<void> {
    if (this.enable && this.disable) throw new CliError('GW_ERR_CLI_USAGE', 'give one of --enable or --disable');
    const schedule = this.schedule();
    const payload = this.payload();
    const delivery = this.delivery();
    const patch = {
      ...this.common(),
      ...(schedule ? { schedule } : {}),
      ...(payload ? { payload } : {}),
      ...(delivery ? { delivery } : {}),
      ...(this.enable ? { enabled: true } : {}),
      ...(this.disable ? { enabled: false } : {}),
    };
    if (Object.keys(patch).length === 0)
      throw new CliError('GW_ERR_CLI_USAGE', 'nothing to change: give at least one flag (moltbot cron edit --help)');
    const job = await this.call<Record<string, any>>('cron.update', { id: this.id, patch });
    this.emit(job, () => {
      this.out(`updated ${job.id} "${job.name}": ${scheduleText(job.schedule)}, ${targetText(job)}`);
      this.out(job.enabled ? `next run ${utc(job.state?.nextRunAtMs)}` : 'disabled');
    });
  }
}
