import { Command, Option } from 'clipanion';
import { MoltbotCommand } from '../cli/base-command.js';
import { checkConfig, describeIssue } from '../cli/config-check.js';
import { readExistingConfig } from '../cli/config-edit.js';
import { ExitCode } from '../cli/exit-codes.js';

export class ConfigValidateCommand extends MoltbotCommand {
  static override paths = [['config', 'validate']];
  static override usage = Command.Usage({
    category: 'Config',
    description: 'Check the config file (JSON5 syntax, kernel and plugin schemas) without starting anything.',
    details: 'Exit 0 when valid (warnings allowed), 2 when it does not parse or fails a schema.',
    examples: [
      ['Check the default profile', 'moltbot config validate'],
      ['Check another file', 'CLAWDBOT_CONFIG_PATH=./moltbot.json moltbot config validate --json'],
    ],
  });

  json = Option.Boolean('--json', false, { description: 'Print {ok, issues} as JSON' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<number> {
    const paths = this.gatewayPaths();
    const snapshot = readExistingConfig(paths);
    const check = await checkConfig(snapshot.config, paths.configPath);
    if (this.json) this.printJson({ ok: check.ok, path: paths.configPath, issues: check.issues });
    else {
      const s = this.style;
      this.out(`${check.ok ? s.green('valid') : s.red('INVALID')}  ${paths.configPath}`);
      for (const i of check.issues)
        this.out(`  ${i.severity === 'error' ? s.red('error') : s.yellow('warning')} ${describeIssue(i)}`);
    }
    return check.ok ? ExitCode.ok : ExitCode.usage;
  }
}
