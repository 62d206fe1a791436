import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Command } from 'clipanion';
import { parseConfigText, readConfigFile, serializeConfig, writeFileAtomic } from '../../kernel/config/config-file.js';
import { GatewayError } from '../../kernel/errors.js';
import { MoltbotCommand } from '../cli/base-command.js';
import { CliError } from '../cli/cli-error.js';
import { assertValid } from '../cli/config-edit.js';

export class ConfigEditCommand extends MoltbotCommand {
  static override paths = [['config', 'edit']];
  static override usage = Command.Usage({
    category: 'Config',
    description: 'Edit the config in $VISUAL / $EDITOR; it is validated before it replaces the file.',
    details: `
      Opens a private copy (mode 0600) in your editor. When the editor exits the copy is parsed
      (JSON5) and validated (kernel + plugins); only a valid result replaces moltbot.json
      (atomically, keeping your comments and layout). An invalid edit changes nothing: the
      errors are printed and your copy is kept so you can fix it.
    `,
    examples: [
      ['Edit with the default editor', 'moltbot config edit'],
      ['Edit with nano', 'EDITOR=nano moltbot config edit'],
    ],
  });

  async run(): Promise<void> {
    const paths = this.gatewayPaths();
    const snapshot = readConfigFile(paths.configPath);
    const editor = process.env.VISUAL || process.env.EDITOR || 'vi';
    fs.mkdirSync(path.dirname(paths.configPath), { recursive: true, mode: 0o700 });
    const draft = path.join(
      path.dirname(paths.configPath),
      `.moltbot.edit-${crypto.randomBytes(4).toString('hex')}.json5`,
    );
    fs.writeFileSync(draft, snapshot.exists ? snapshot.raw : serializeConfig({}), { mode: 0o600 });
    const r = spawnSync(`${editor} ${JSON.stringify(draft)}`, { shell: true, stdio: 'inherit' });
    if (r.status !== 0) {
      fs.rmSync(draft, { force: true });
      throw new CliError(
        'GW_ERR_CLI_REQUEST_FAILED',
        `the editor "${editor}" exited with ${r.status ?? r.signal}: nothing was changed`,
      );
    }
    const text = fs.readFileSync(draft, 'utf8');
    if (text === snapshot.raw) {
      fs.rmSync(draft, { force: true });
      this.out('no changes');
      return;
    }
    try {
      await assertValid(parseConfigText(text, paths.configPath), paths.configPath);
    } catch (err) {
      const message = err instanceof GatewayError || err instanceof CliError ? err.message : String(err);
      throw new CliError(
        'GW_ERR_CLI_CONFIG_INVALID',
        `${message}\nYour edit is kept in ${draft}; fix it and copy it over, or delete it.`,
      );
    }
    writeFileAtomic(paths.configPath, text);
    fs.rmSync(draft, { force: true });
    this.out(`saved ${paths.configPath}`);
  }
}
