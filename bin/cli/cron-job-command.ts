import { Option } from 'clipanion';
import { CliError } from './cli-error.js';
import { parseDuration } from './duration-option.js';
import { GatewayCommand } from './gateway-command.js';

const EVERY_RANGE = { minMs: 1000, maxMs: 10 * 365 * 86_400_000 };

/**
 * The job flags `moltbot cron add` and `cron edit` share, turned into `cron.add` params or a
 * `cron.update` patch. The gateway validates the meaning (expressions, zones, channels); this
 * checks only what the flags alone can get wrong.
 */
export abstract class CronJobCommand extends GatewayCommand {
  name = Option.String('--name', { description: 'Job name' });
  description = Option.String('--description', { description: 'What it is for' });
  every = Option.String('--every', { description: 'Repeat: 30s, 10m, 2h, 1d (on a grid from now or --anchor)' });
  anchor = Option.String('--anchor', { description: 'With --every: a time the grid passes through (ISO 8601)' });
  cron = Option.String('--cron', { description: 'Cron expression, 5 fields (6 with seconds): "0 9 * * 1-5"' });
  tz = Option.String('--tz', { description: 'With --cron: IANA time zone, e.g. Europe/Berlin' });
  at = Option.String('--at', { description: 'Once, at an ISO 8601 time (UTC unless an offset is given), or +20m' });
  message = Option.String('-m,--message', { description: 'Run an agent turn with this message' });
  systemEvent = Option.String('--system-event', { description: 'Put this system line into the main session' });
  session = Option.String('--session', { description: 'main or isolated (default: isolated for --message)' });
  wake = Option.String('--wake', { description: 'now or next-heartbeat (default)' });
  announce = Option.Boolean('--announce', { description: 'Send the reply to a chat (--no-announce: do not)' });
  channel = Option.String('--channel', { description: 'With --announce: last (default) or a channel id' });
  to = Option.String('--to', { description: 'With --announce: the recipient (chat id, number)' });
  account = Option.String('--account', { description: 'With --announce: the channel account' });
  bestEffort = Option.Boolean('--best-effort', { description: 'An undeliverable reply does not fail the run' });
  agent = Option.String('--agent', { description: 'Agent id (default: the default agent)' });
  model = Option.String('--model', { description: 'provider/model for this job' });
  thinking = Option.String('--thinking', { description: 'Thinking level to ask for' });
  timeoutSeconds = Option.String('--timeout-seconds', { description: 'Run timeout in seconds' });
  deleteAfterRun = Option.Boolean('--delete-after-run', {
    description: 'Remove the job after an ok run (--no-delete-after-run / --keep-after-run keep it)',
  });
  keepAfterRun = Option.Boolean('--keep-after-run', { description: 'Keep a one-shot after it ran' });

  /** The schedule the flags give, or undefined when none was given. */
  protected schedule(): Record<string, unknown> | undefined {
    const given = [this.every, this.cron, this.at].filter((v) => v !== undefined).length;
    if (given > 1) throw new CliError('GW_ERR_CLI_USAGE', 'give one schedule: --every, --cron or --at');
    if (this.tz !== undefined && this.cron === undefined)
      throw new CliError('GW_ERR_CLI_USAGE', '--tz goes with --cron (e.g. --cron "0 9 * * *" --tz Europe/Berlin)');
    if (this.anchor !== undefined && this.every === undefined)
      throw new CliError('GW_ERR_CLI_USAGE', '--anchor goes with --every');
    if (this.every !== undefined) {
      const everyMs = parseDuration(this.every, '--every', EVERY_RANGE);
      return { kind: 'every', everyMs, ...(this.anchor ? { anchorMs: instant(this.anchor, '--anchor') } : {}) };
    }
    if (this.cron !== undefined) return { kind: 'cron', expr: this.cron, ...(this.tz ? { tz: this.tz } : {}) };
    if (this.at !== undefined) {
      const at = this.at.startsWith('+')
        ? new Date(Date.now() + parseDuration(this.at.slice(1), '--at', EVERY_RANGE)).toISOString()
        : this.at;
      return { kind: 'at', at };
    }
    return undefined;
  }

  /** The payload the flags give (agentTurn fields merged in for edits). */
  protected payload(): Record<string, unknown> | undefined {
    if (this.message !== undefined && this.systemEvent !== undefined)
      throw new CliError('GW_ERR_CLI_USAGE', 'give one of --message (an agent turn) or --system-event (a system line)');
    const turnFields = {
      ...(this.model ? { model: this.model } : {}),
      ...(this.thinking ? { thinking: this.thinking } : {}),
      ...(this.timeoutSeconds !== undefined ? { timeoutSeconds: seconds(this.timeoutSeconds) } : {}),
    };
    if (this.systemEvent !== undefined) {
      if (Object.keys(turnFields).length)
        throw new CliError('GW_ERR_CLI_USAGE', '--model, --thinking and --timeout-seconds go with --message');
      return { kind: 'systemEvent', text: this.systemEvent };
    }
    if (this.message !== undefined) return { kind: 'agentTurn', message: this.message, ...turnFields };
    if (Object.keys(turnFields).length) return { kind: 'agentTurn', ...turnFields };
    return undefined;
  }

  protected delivery(): Record<string, unknown> | undefined {
    const routed = this.channel !== undefined || this.to !== undefined || this.account !== undefined;
    if (this.announce === false) {
      if (routed) throw new CliError('GW_ERR_CLI_USAGE', '--no-announce cannot take --channel/--to/--account');
      return { mode: 'none' };
    }
    if (!this.announce && !routed && this.bestEffort === undefined) return undefined;
    return {
      mode: 'announce',
      channel: this.channel ?? 'last',
      ...(this.to ? { to: this.to } : {}),
      ...(this.account ? { accountId: this.account } : {}),
      ...(this.bestEffort !== undefined ? { bestEffort: this.bestEffort } : {}),
    };
  }

  /** The fields every command sets the same way. */
  protected common(): Record<string, unknown> {
    if (this.session !== undefined && this.session !== 'main' && this.session !== 'isolated')
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--session "${this.session}": use main or isolated`);
    if (this.wake !== undefined && this.wake !== 'now' && this.wake !== 'next-heartbeat')
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--wake "${this.wake}": use now or next-heartbeat`);
    if (this.deleteAfterRun !== undefined && this.keepAfterRun !== undefined)
      throw new CliError('GW_ERR_CLI_USAGE', 'give one of --delete-after-run or --keep-after-run');
    const deleteAfterRun = this.keepAfterRun ? false : this.deleteAfterRun;
    return {
      ...(this.name !== undefined ? { name: this.name } : {}),
      ...(this.description !== undefined ? { description: this.description } : {}),
      ...(this.session ? { sessionTarget: this.session } : {}),
      ...(this.wake ? { wakeMode: this.wake } : {}),
      ...(this.agent ? { agentId: this.agent } : {}),
      ...(deleteAfterRun !== undefined ? { deleteAfterRun } : {}),
    };
  }
}

function instant(raw: string, flag: string): number {
  const t = /^\d+$/.test(raw) ? Number(raw) : Date.parse(raw);
  if (Number.isNaN(t))
    throw new CliError(
      'GW_ERR_CLI_INVALID_VALUE',
      `${flag} "${raw}" is not a time: use ISO 8601, e.g. 2027-01-01T09:00:00Z`,
    );
  return t;
}

function seconds(raw: string): number {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--timeout-seconds "${raw}": use a number of seconds, e.g. 300`);
  return n;
}
