#!/usr/bin/env node
import { Builtins, Cli } from 'clipanion';
import { GatewayRunCommand } from './commands/gateway-run.js';
import { packageVersion } from './package-version.js';

const cli = new Cli({ binaryLabel: 'Moltbot Gateway', binaryName: 'moltbot', binaryVersion: packageVersion(), enableColors: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR });
cli.register(Builtins.HelpCommand);
cli.register(Builtins.VersionCommand);
cli.register(GatewayRunCommand);

const exitCode = await cli.run(process.argv.slice(2));
process.exitCode = exitCode;
// The gateway command resolves only once it has stopped; exit so stray handles cannot keep us up.
if (process.argv[2] === 'gateway' && (process.argv.length === 3 || process.argv[3]?.startsWith('-') || process.argv[3] === 'run')) process.exit(exitCode);
