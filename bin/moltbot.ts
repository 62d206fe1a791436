#!/usr/bin/env node
import { type BaseContext, Builtins, Cli } from 'clipanion';
import { ExitCode } from './cli/exit-codes.js';
import { colorsWanted } from './cli/terminal-style.js';
import { GatewayRunCommand } from './commands/gateway-run.js';
import { packageVersion } from './package-version.js';

const colored = colorsWanted(process.stdout);
const cli = new Cli({
  binaryLabel: 'Moltbot Gateway',
  binaryName: 'moltbot',
  binaryVersion: packageVersion(),
  enableColors: colored,
});
cli.register(Builtins.HelpCommand);
cli.register(Builtins.VersionCommand);

/**
 * `moltbot gateway [run] [--flags]` (what `npm start` and service units run) registers only the
 * run command: importing and registering all the CLI's commands was ~175 ms of every start.
 * Help (`-h`) and every other command get the full list.
 */
function runsTheGateway(argv: readonly string[]): boolean {
  // The words that are not options or their values: the command's path (`--dev gateway`,
  // `gateway --port 1 run` and `gateway status` all parse this way).
  const words: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return false;
    if (!arg.startsWith('-')) words.push(arg);
    else if (GATEWAY_RUN_VALUE_OPTIONS.has(arg)) i++;
  }
  return words[0] === 'gateway' && (words.length === 1 || (words.length === 2 && words[1] === 'run'));
}
/** The run command's options that take a value as the next argument (bin/commands/gateway-run.ts). */
const GATEWAY_RUN_VALUE_OPTIONS = new Set(['--port', '--bind', '--token', '--profile']);
if (runsTheGateway(process.argv.slice(2))) cli.register(GatewayRunCommand);
else for (const command of (await import('./command-list.js')).COMMANDS) cli.register(command);

// `moltbot status | head`: the reader left; what is left to print has no one to read it. Exit
// quietly instead of crashing with an EPIPE stack trace.
process.stdout.on('error', (err: NodeJS.ErrnoException) => {
  if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw err;
});

const context: BaseContext = { ...Cli.defaultContext, colorDepth: colored ? Cli.defaultContext.colorDepth : 1 };
let exitCode: number;
let command: ReturnType<typeof cli.process> | undefined;
try {
  command = cli.process(process.argv.slice(2), context);
} catch (err) {
  // Unknown command, unknown flag, invalid flag value: usage error on stderr, exit 2.
  process.stderr.write(cli.error(err as Error, { colored: colorsWanted(process.stderr) }));
  exitCode = ExitCode.usage;
}
if (command) exitCode = await cli.run(command, context);
process.exitCode = exitCode!;
if (command instanceof GatewayRunCommand) {
  // The gateway resolves only once it has stopped; exit so stray handles cannot keep us up.
  process.exit(exitCode!);
}
// Other commands close what they open; should a handle linger (a socket in TIME_WAIT, a
// watcher), do not hang a script: leave after a grace period.
setTimeout(() => process.exit(exitCode), 2000).unref();
