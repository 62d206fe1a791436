import { Command, Option } from 'clipanion';
import { scheduleText, table, targetText, utc } from '../cli/cron-format.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class CronListCommand extends GatewayCommand {
  static override paths = [['cron', 'list'], ['cron']];
  static override usage = Command.Usage({
    category: 'Automation',
    description: 'List scheduled jobs, next run first (`cron.list`; needs the cron plugin).',
    examples: [
      ['Enabled jobs', 'moltbot cron list'],
      ['Disabled ones too, as JSON', 'moltbot cron list --all --json'],
    ],
  });

  all = Option.Boolean('--all', false, { description: 'Include disabled jobs' });
  query = Option.String('--query', { description: 'Only jobs whose name or description contains this' });

  async run(): Promise<void> {
    const result = await this.call<{ jobs: Array<Record<string, any>>; total: number }>('cron.list', {
      includeDisabled: this.all,
      ...(this.query ? { query: this.query } : {}),
    });
    this.emit(result, () => {
      if (result.jobs.length === 0) {
        this.out(this.all ? 'no cron jobs' : 'no enabled cron jobs (--all shows disabled ones)');
        return;
      }
      const s = this.style;
      const rows = [['ID', 'NAME', 'SCHEDULE', 'NEXT (UTC)', 'LAST', 'WHAT']];
      for (const j of result.jobs) {
        const last = j.state?.lastRunStatus ?? '-';
        rows.push([
          j.id,
          j.name,
          scheduleText(j.schedule),
          j.enabled ? utc(j.state?.nextRunAtMs) : 'disabled',
          last,
          targetText(j),
        ]);
      }
      const lines = table(rows);
      this.out(s.bold(lines[0]!));
      for (const line of lines.slice(1))
        this.out(line.replace(/ error /, ` ${s.red('error')} `).replace(/ ok /, ` ${s.green('ok')} `));
      if (result.total > result.jobs.length) this.out(s.dim(`${result.total - result.jobs.length} more not shown`));
    });
  }
}
