import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { table, utc } from '../cli/cron-format.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class CronRunsCommand extends GatewayCommand {
  static override paths = [['cron', 'runs']];
  static override usage = Command.Usage({
    category: 'Automation',
    description: 'Run history, newest first (`cron.runs`): one job, or all jobs.',
    examples: [
      ['One job', 'moltbot cron runs 3f2a…'],
      ['All jobs, as JSON', 'moltbot cron runs --limit 50 --json'],
    ],
  });

  id = Option.String({ name: 'id', required: false });
  jobId = Option.String('--id', { description: 'The job (same as the positional id)' });
  limit = Option.String('--limit', {
    description: 'At most this many (default 20)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 5000)]),
  });

  async run(): Promise<void> {
    const id = this.id ?? this.jobId;
    const result = await this.call<{ entries: Array<Record<string, any>>; total: number }>('cron.runs', {
      ...(id ? { id } : { scope: 'all' }),
      limit: this.limit ?? 20,
    });
    this.emit(result, () => {
      if (result.entries.length === 0) {
        this.out('no runs yet');
        return;
      }
      const rows = [['RUN AT (UTC)', 'STATUS', 'MS', 'JOB', 'DELIVERY', 'DETAIL']];
      for (const e of result.entries)
        rows.push([
          utc(e.runAtMs),
          e.status,
          String(e.durationMs ?? 0),
          e.jobName ?? e.jobId,
          e.deliveryStatus ?? '-',
          (e.error ?? e.summary ?? '').replace(/\s+/g, ' ').slice(0, 80),
        ]);
      const [head, ...lines] = table(rows);
      this.out(this.style.bold(head!));
      for (const line of lines) this.out(line);
    });
  }
}
