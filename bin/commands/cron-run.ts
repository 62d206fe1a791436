import crypto from 'node:crypto';
import { Command, Option } from 'clipanion';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';

export class CronRunCommand extends GatewayCommand {
  static override paths = [['cron', 'run']];
  static override usage = Command.Usage({
    category: 'Automation',
    description: 'Run a job now (`cron.run`) and wait for it to finish.',
    details:
      'Runs even when the job is not due (--due: only if it is). A repeat with the same --idempotency-key runs ' +
      'nothing new. Exit 1 when the run ends in an error.',
    examples: [
      ['Run now and wait', 'moltbot cron run 3f2a…'],
      ['Only if due, without waiting', 'moltbot cron run 3f2a… --due --no-wait'],
    ],
  });

  id = Option.String({ name: 'id' });
  due = Option.Boolean('--due', false, { description: 'Run only if the job is due' });
  wait = Option.Boolean('--wait', true, { description: 'Wait for the run to finish (--no-wait: do not)' });
  idempotencyKey = Option.String('--idempotency-key', { description: 'Repeat-safe key (default: random)' });

  async run(): Promise<number> {
    const client = await this.connect();
    try {
      const finished = new Map<string, Record<string, any>>();
      client.onEvent((e) => {
        if (e.event === 'cron' && e.payload?.action === 'finished') finished.set(e.payload.runId, e.payload);
      });
      const result = await client.request<Record<string, any>>(
        'cron.run',
        { id: this.id, mode: this.due ? 'due' : 'force', idempotencyKey: this.idempotencyKey ?? crypto.randomUUID() },
        { timeoutMs: this.timeoutMs() },
      );
      if (!result.ran) {
        this.emit(result, () => this.out(`not run: ${result.reason}`));
        return 0;
      }
      if (!this.wait || result.duplicate) {
        this.emit(result, () => this.out(`${result.duplicate ? 'already ran' : 'started'}: run ${result.runId}`));
        return 0;
      }
      const entry = await this.waitForEnd(client, result.runId, finished);
      this.emit(entry, () => {
        this.out(`${entry.status}: run ${entry.runId} in ${entry.durationMs ?? 0} ms`);
        if (entry.error) this.out(`error: ${entry.error}`);
        if (entry.summary) this.out(entry.summary);
      });
      return entry.status === 'error' ? 1 : 0;
    } finally {
      client.close();
    }
  }

  /** The `finished` event, or the run history as a fallback (the event may race the answer). */
  private async waitForEnd(
    client: Awaited<ReturnType<GatewayCommand['connect']>>,
    runId: string,
    finished: Map<string, Record<string, any>>,
  ): Promise<Record<string, any>> {
    const deadline = Date.now() + this.timeoutMs(10 * 60_000);
    while (Date.now() < deadline) {
      const seen = finished.get(runId);
      if (seen) return seen;
      const { entries } = await client.request<{ entries: Array<Record<string, any>> }>('cron.runs', {
        id: this.id,
        limit: 20,
      });
      const entry = entries.find((e) => e.runId === runId);
      if (entry) return entry;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new CliError('GW_ERR_CLI_TIMEOUT', `run ${runId} did not finish within --timeout; it goes on in the gateway`);
  }
}
