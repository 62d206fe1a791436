import { Command, Option } from 'clipanion';
import { getPath, splitPath } from '../../kernel/config/object-path.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { readExistingConfig } from '../cli/config-edit.js';
import { redactAt } from '../cli/secret-redaction.js';

export class ConfigGetCommand extends MoltbotCommand {
  static override paths = [['config', 'get']];
  static override usage = Command.Usage({
    category: 'Config',
    description: 'Print a config value by dotted path (the whole config without a path). Secrets are redacted.',
    details: `
      Reads the profile's config file (moltbot.json). Strings print bare, everything else as JSON.
      Keys that hold secrets (token, password, apiKey, secret…) show as
      "[redacted: add --show-secrets]" unless --show-secrets. A missing path exits 1.
    `,
    examples: [
      ['The gateway port', 'moltbot config get gateway.port'],
      ['The gateway token, for pasting into a client', 'moltbot config get gateway.auth.token --show-secrets'],
      ['The whole config as JSON', 'moltbot config get --json'],
    ],
  });

  configPath = Option.String({ name: 'path', required: false });
  showSecrets = Option.Boolean('--show-secrets', false, { description: 'Print secrets in clear' });
  json = Option.Boolean('--json', false, { description: 'Always print JSON (strings quoted)' });

  override wantsJson(): boolean {
    return this.json;
  }

  async run(): Promise<number> {
    const paths = this.gatewayPaths();
    const snapshot = readExistingConfig(paths);
    const dotted = this.configPath ?? '';
    try {
      splitPath(dotted);
    } catch (err) {
      throw new CliError('GW_ERR_CLI_INVALID_VALUE', (err as Error).message);
    }
    const value = dotted === '' ? snapshot.config : getPath(snapshot.config, dotted);
    if (value === undefined) {
      throw new CliError('GW_ERR_CLI_REQUEST_FAILED', `${dotted} is not set in ${paths.configPath}`);
    }
    const shown = this.showSecrets ? value : dotted === '' ? redactAt('config', value) : redactAt(dotted, value);
    if (typeof shown === 'string' && !this.json) this.out(shown);
    else this.printJson(shown);
    return 0;
  }
}
