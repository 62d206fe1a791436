import fs from 'node:fs';
import { Command, Option } from 'clipanion';
import * as t from 'typanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { withProgress } from '../cli/progress.js';
import {
  installCommands,
  lingerHint,
  renderService,
  runPlanned,
  writeServiceFile,
} from '../service/service-manager.js';
import { formatCommand } from '../service/service-runner.js';
import { buildServiceSpec } from '../service/service-spec.js';

export class GatewayInstallCommand extends MoltbotCommand {
  static override paths = [['gateway', 'install']];
  static override usage = Command.Usage({
    category: 'Service',
    description: 'Install the gateway as a service (systemd user unit on Linux, launchd agent on macOS) and start it.',
    details: `
      Linux: writes ~/.config/systemd/user/moltbot-gateway[-<profile>].service, then runs
      systemctl --user daemon-reload / enable / restart. --system writes
      /etc/systemd/system/… with User= instead (run as root). macOS: writes
      ~/Library/LaunchAgents/bot.molt.gateway.plist (bot.molt.<profile>) and bootstraps it.
      The unit carries CLAWDBOT_SERVICE_MARKER=moltbot, CLAWDBOT_SERVICE_KIND=gateway and
      CLAWDBOT_SERVICE_VERSION; it holds no secret (the gateway reads its token from the config).
      Installing again rewrites the file and restarts the service. --dry-run prints the file and
      the commands without touching anything.
    `,
    examples: [
      ['Install and start for this user', 'moltbot gateway install'],
      ['See what would be written and run', 'moltbot gateway install --dry-run'],
      ['A system unit running as user "bot"', 'sudo moltbot gateway install --system --user bot'],
      ['The dev profile', 'moltbot --dev gateway install'],
    ],
  });

  system = Option.Boolean('--system', false, {
    description: 'Install a system unit/daemon (with User=) instead of a user one',
  });
  user = Option.String('--user', { description: 'User a --system service runs as (default: the current user)' });
  port = Option.String('--port', {
    description: 'Pin the service to this port (default: from the config)',
    validator: t.cascade(t.isNumber(), [t.isInteger(), t.isInInclusiveRange(1, 65535)]),
  });
  dryRun = Option.Boolean('--dry-run', false, {
    description: 'Print the service file and the commands; change nothing',
  });

  async run(): Promise<void> {
    const paths = this.gatewayPaths();
    if (this.user !== undefined && !this.system)
      throw new CliError(
        'GW_ERR_CLI_INVALID_VALUE',
        '--user only applies to --system services (a user service runs as you)',
      );
    const spec = buildServiceSpec({ paths, env: process.env, system: this.system, user: this.user, port: this.port });
    const commands = installCommands(spec);
    if (this.dryRun) {
      this.out(`# ${spec.file}`);
      this.out(renderService(spec));
      for (const c of commands) this.out(formatCommand(c.cmd, c.args));
      return;
    }
    if (!fs.existsSync(paths.configPath)) {
      throw new CliError(
        'GW_ERR_CLI_CONFIG_MISSING',
        `no config at ${paths.configPath}: run "${this.hint('setup')}" first, so the service has a token to ` +
          'start with',
      );
    }
    writeServiceFile(spec);
    await withProgress(
      this.context.stderr as NodeJS.WritableStream & { isTTY?: boolean },
      `Installing ${spec.name}…`,
      async () => runPlanned(commands, process.env),
    );
    this.out(`installed ${spec.name} (${spec.file}) and started it`);
    this.out(`check it with: ${this.hint('gateway status')}`);
    const hint = lingerHint(spec, process.env);
    if (hint) this.out(hint);
  }
}
