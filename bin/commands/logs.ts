import fs from 'node:fs';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { LogFollower, lastLines } from '../cli/log-follower.js';
import { LEVELS, formatLine, passesLevel } from '../cli/log-format.js';

export class LogsCommand extends MoltbotCommand {
  static override paths = [['logs']];
  static override usage = Command.Usage({
    category: 'Status',
    description: "Show the gateway's log file (logs/gateway.log in the state dir), tail -f style with --follow.",
    details: `
      Lines are pino JSON; they print as "time LEVEL [plugin] message key=value" (colored on a
      TTY) or raw with --json. --follow keeps reading and follows rotation (gateway.log →
      gateway.log.1) and truncation; stop it with Ctrl-C. --level drops lines below a level.
    `,
    examples: [
      ['The last 200 lines', 'moltbot logs'],
      ['Follow warnings and errors', 'moltbot logs --follow --level warn'],
      ['The last 50 lines as JSON lines', 'moltbot logs --lines 50 --json'],
    ],
  });

  follow = Option.Boolean('-f,--follow', false, { description: 'Keep printing new lines (follows rotation)' });
  lines = Option.String('-n,--lines', '200', { description: 'How many lines from the end (default 200)', validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(0, 100_000)]) });
  json = Option.Boolean('--json', false, { description: 'Print the raw JSON lines' });
  level = Option.String('--level', { description: 'Minimum level: trace, debug, info, warn, error, fatal' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<number> {
    const paths = this.gatewayPaths();
    const min = this.level === undefined ? 0 : LEVELS[this.level.toLowerCase()];
    if (min === undefined) throw new CliError('GW_ERR_CLI_INVALID_VALUE', `--level "${this.level}" is not a level: use trace, debug, info, warn, error or fatal`);
    const style = this.style;
    const print = (line: string) => {
      if (!passesLevel(line, min)) return;
      this.context.stdout.write(`${this.json ? line : formatLine(line, style)}\n`);
    };
    const file = paths.logFile;
    let end = 0;
    if (fs.existsSync(file)) {
      const tail = lastLines(file, Number(this.lines));
      for (const l of tail.lines) print(l);
      end = tail.end;
    } else if (!this.follow) {
      throw new CliError('GW_ERR_CLI_REQUEST_FAILED', `no log file at ${file}: the gateway has not run with this profile yet (start it with "moltbot gateway")`);
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
}
