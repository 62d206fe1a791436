import { Command } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { scheduleText, targetText, utc } from '../cli/cron-format.js';
import { CronJobCommand } from '../cli/cron-job-command.js';

export class CronAddCommand extends CronJobCommand {
  static override paths = [['cron', 'add']];
  static override usage = Command.Usage({
    category: 'Automation',
    description: 'Add a scheduled job (`cron.add`): a schedule, and a message for the agent or a system line.',
    details:
      'One schedule: --every <duration>, --cron "<expr>" [--tz <zone>] or --at <ISO 8601 | +duration>. One payload: ' +
      '--message (an agent turn, in its own session unless --session main) or --system-event (a line for the main ' +
      'session; --wake now runs a heartbeat for it at once). --announce sends the reply to --channel (last = where ' +
      'you last talked) and --to. One-shots (--at) are removed after they ran unless --keep-after-run.',
    examples: [
      ['Every 10 minutes', 'moltbot cron add --name inbox --every 10m --message "Anything urgent in my inbox?"'],
      [
        'Weekdays at 9 in Berlin, to Telegram',
        'moltbot cron add --name standup --cron "0 9 * * 1-5" --tz Europe/Berlin --message "Plan my day" ' +
          '--announce --channel telegram --to 123456789',
      ],
      [
        'Once, as a reminder in the main session',
        'moltbot cron add --name gifts --at 2026-12-24T18:00:00Z --system-event "Reminder: wrap the gifts" --wake now',
      ],
    ],
  });

  async run(): Promise<void> {
    if (!this.name) throw new CliError('GW_ERR_CLI_USAGE', '--name is required');
    const schedule = this.schedule();
    if (!schedule) throw new CliError('GW_ERR_CLI_USAGE', 'give a schedule: --every 10m, --cron "0 9 * * *" or --at …');
    const payload = this.payload();
    if (!payload || (payload.kind === 'agentTurn' && payload.message === undefined))
      throw new CliError('GW_ERR_CLI_USAGE', 'give what to do: --message "…" or --system-event "…"');
    const delivery = this.delivery();
    const job = await this.call<Record<string, any>>('cron.add', {
      ...this.common(),
      schedule,
      payload,
      ...(delivery ? { delivery } : {}),
    });
    this.emit(job, () => {
      this.out(`added ${job.id} "${job.name}": ${scheduleText(job.schedule)}, ${targetText(job)}`);
      this.out(`next run ${utc(job.state?.nextRunAtMs)}`);
    });
  }
}
