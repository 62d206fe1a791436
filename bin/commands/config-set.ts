import { Command, Option } from 'clipanion';
import { getPath, setPath } from '../../kernel/config/object-path.js';
import { isSecretKey } from '../../kernel/config/redact-secrets.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { editConfigFile, parseCliValue } from '../cli/config-edit.js';

export class ConfigSetCommand extends MoltbotCommand {
  static override paths = [['config', 'set']];
  static override usage = Command.Usage({
    category: 'Config',
    description: 'Set a config value by dotted path; the value is JSON5 (plain words are strings).',
    details: `
      The whole resulting config is validated against the kernel schema and the schemas of the
      enabled plugins before an atomic write (mode 0600); a refused edit changes nothing and
      exits 2 naming the failing path. A running gateway applies the edit by itself (it watches
      the file): hot where possible, an in-process restart for gateway.port/bind/auth/tls.
    `,
    examples: [
      ['Change the port', 'moltbot config set gateway.port 18800'],
      ['Bind to the LAN (needs auth, which is always on)', 'moltbot config set gateway.bind lan'],
      ['An object (JSON5)', `moltbot config set channels.telegram '{botToken: "123:abc", dmPolicy: "pairing"}'`],
      ['Force a string', 'moltbot config set agents.defaults.model.primary 0123 --string'],
    ],
  });

  configPath = Option.String({ name: 'path' });
  value = Option.String({ name: 'value' });
  asString = Option.Boolean('--string', false, { description: 'Store the value as a string, never parse it' });

  async run(): Promise<void> {
    const value = parseCliValue(this.value, this.asString);
    const { before, warnings } = await editConfigFile(this.gatewayPaths(), (cfg) =>
      setPath(cfg, this.configPath, value),
    );
    const last = this.configPath.split('.').pop() ?? '';
    const shown = isSecretKey(last) ? '[redacted]' : JSON.stringify(value);
    const old = getPath(before, this.configPath);
    this.out(
      `set ${this.configPath} = ` +
        `${shown}${old === undefined ? '' : isSecretKey(last) ? ' (replaced)' : ` (was ${JSON.stringify(old)})`}`,
    );
    for (const w of warnings) this.err(`${this.errStyle.yellow('warning')} ${w}`);
  }
}
