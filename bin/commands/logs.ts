import fs from 'node:fs';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { CliError } from '../cli/cli-error.js';
import { GatewayCommand } from '../cli/gateway-command.js';
import { LogFollower, lastLines } from '../cli/log-follower.js';
import { formatLine, LEVELS, passesLevel } from '../cli/log-format.js';

export class LogsCommand extends GatewayCommand {
  static override paths = [['logs']];
  static override usage = Command.Usage({
    category: 'Status',
    description: "Show the gateway's log file (logs/gateway.log in the state dir), tail -f style with --follow.",
    details: `
      Lines are pino JSON; they print as "time LEVEL [plugin] message key=value" (colored on a
      TTY) or raw with --json. --follow keeps reading and follows rotation (gateway.log →
      gateway.log.1) and truncation; stop it with Ctrl-C. --level drops lines below a level.
      With --url the lines come from that gateway over the protocol (logs.tail), for a gateway
      on another machine; --follow then polls it every second.
    `,
    examples: [
      ['The last 200 lines', 'moltbot logs'],
      ['Follow warnings and errors', 'moltbot logs --follow --level warn'],
      ['The last 50 lines as JSON lines', 'moltbot logs --lines 50 --json'],
      ['A remote gateway', 'moltbot logs --url ws://10.0.0.5:18789 --token "$TOKEN" -f'],
    ],
  });

  follow = Option.Boolean('-f,--follow', false, { description: 'Keep printing new lines (follows rotation)' });
  lines = Option.String('-n,--lines', '200', {
    description: 'How many lines from the end (default 200)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(0, 100_000)]),
  });
  level = Option.String('--level', { description: 'Minimum level: trace, debug, info, warn, error, fatal' });

  async run(): Promise<number> {
    const paths = this.gatewayPaths();
    const min = this.level === undefined ? 0 : LEVELS[this.level.toLowerCase()];
    if (min === undefined)
      throw new CliError(
        'GW_ERR_CLI_INVALID_VALUE',
        `--level "${this.level}" is not a level: use trace, debug, info, warn, error or fatal`,
      );
    const style = this.style;
    const print = (line: string) => {
      if (!passesLevel(line, min)) return;
      this.context.stdout.write(`${this.json ? line : formatLine(line, style)}\n`);
    };
    if (this.url !== undefined) return this.remote(print);
    const file = paths.logFile;
    let end = 0;
    if (fs.existsSync(file)) {
      const tail = lastLines(file, Number(this.lines));
      for (const l of tail.lines) print(l);
      end = tail.end;
    } else if (!this.follow) {
      throw new CliError(
        'GW_ERR_CLI_REQUEST_FAILED',
        `no log file at ${file}: the gateway has not run with this profile yet ` +
          `(start it with "${this.hint('gateway')}")`,
      );
    } else {
      this.err(`waiting for ${file} to appear…`);
    }
    if (!this.follow) return 0;
    const follower = new LogFollower(file, print);
    follower.start(end);
    return await new Promise<number>((resolve) => {
      const timer = setInterval(() => follower.poll(), 250);
      const stop = () => {
        clearInterval(timer);
        follower.poll();
        follower.close();
        resolve(0);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
  }

  /** logs.tail with a cursor: the gateway says when the file was rotated (reset) or lines were skipped. */
  private async remote(print: (line: string) => void): Promise<number> {
    const client = await this.connect();
    const timeoutMs = this.timeoutMs();
    try {
      const first = await client.request<{ cursor: number; lines: string[] }>(
        'logs.tail',
        { limit: Math.max(1, Math.min(5000, Number(this.lines))) },
        { timeoutMs },
      );
      for (const l of Number(this.lines) === 0 ? [] : first.lines) print(l);
      if (!this.follow) return 0;
      let cursor = first.cursor;
      let stopped = false;
      const stop = () => (stopped = true);
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
      while (!stopped && client.closeCode === undefined) {
        await new Promise((r) => setTimeout(r, 1000));
        if (stopped) break;
        const next = await client.request<{ cursor: number; lines: string[]; truncated: boolean }>(
          'logs.tail',
          { cursor, limit: 5000 },
          { timeoutMs },
        );
        if (next.truncated) this.err(this.errStyle.yellow('… lines skipped (the log grew faster than we read it)'));
        for (const l of next.lines) print(l);
        cursor = next.cursor;
      }
      return stopped ? 0 : 4;
    } finally {
      client.close();
    }
  }
}
