import fs from 'node:fs';
import JSON5 from 'json5';
import { cliCommand } from '../../kernel/cli-command.js';
import {
  type ConfigSnapshot,
  hashText,
  readConfigFile,
  serializeConfig,
  writeFileAtomic,
} from '../../kernel/config/config-file.js';
import type { JsonObject } from '../../kernel/config/object-path.js';
import type { GatewayPaths } from '../../kernel/paths.js';
import { CliError } from './cli-error.js';
import { checkConfig, describeIssue } from './config-check.js';

/**
 * Change the config file: read it, apply `mutate`, validate the whole result (kernel + plugin
 * schemas), and only then write it atomically (mode 0600). A refused edit changes nothing.
 * A running gateway sees the new file through its watcher; no call to it is needed.
 */
export async function editConfigFile(
  paths: GatewayPaths,
  mutate: (current: JsonObject) => JsonObject,
): Promise<{ before: JsonObject; after: JsonObject; warnings: string[] }> {
  const snapshot = readConfigFile(paths.configPath);
  let after: JsonObject;
  try {
    after = mutate(snapshot.config);
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError('GW_ERR_CLI_INVALID_VALUE', (err as Error).message, { cause: err });
  }
  await assertValid(after, paths.configPath);
  // Someone else wrote the file while we validated: do not overwrite their edit.
  const now = fs.existsSync(paths.configPath) ? hashText(fs.readFileSync(paths.configPath, 'utf8')) : hashText('');
  if (now !== snapshot.hash)
    throw new CliError(
      'GW_ERR_CLI_CONFIG_INVALID',
      `${paths.configPath} changed while this edit was being checked: nothing was written; run the command again`,
    );
  writeFileAtomic(paths.configPath, serializeConfig(after));
  const check = await checkConfig(after, paths.configPath);
  return {
    before: snapshot.config,
    after,
    warnings: check.issues.filter((i) => i.severity === 'warning').map(describeIssue),
  };
}

/** The profile's config file, which must exist (commands that read it without creating it). */
export function readExistingConfig(paths: GatewayPaths): ConfigSnapshot {
  const snapshot = readConfigFile(paths.configPath);
  if (!snapshot.exists)
    throw new CliError(
      'GW_ERR_CLI_CONFIG_MISSING',
      `no config at ${paths.configPath}: run "${cliCommand('setup', paths.profile)}" first`,
    );
  return snapshot;
}

export async function assertValid(config: JsonObject, configPath: string): Promise<void> {
  const check = await checkConfig(config, configPath);
  if (!check.ok) {
    const errors = check.issues.filter((i) => i.severity === 'error').map(describeIssue);
    throw new CliError(
      'GW_ERR_CLI_CONFIG_INVALID',
      `refused: the config would not be valid, nothing was changed:\n  ${errors.join('\n  ')}`,
      { details: { issues: check.issues } },
    );
  }
}

/**
 * A value typed on the command line: JSON5 when it parses (`18800`, `true`, `{a:1}`, `"x"`),
 * otherwise the text itself, so `config set gateway.bind lan` needs no quotes.
 */
export function parseCliValue(raw: string, forceString: boolean): unknown {
  if (forceString) return raw;
  try {
    return JSON5.parse(raw);
  } catch (err) {
    if (/^\s*[[{"']/.test(raw)) {
      throw new CliError(
        'GW_ERR_CLI_INVALID_VALUE',
        `value ${raw} looks like JSON5 but does not parse (${(err as Error).message.replace(/^JSON5: /, '')}); fix ` +
          'it, or pass --string to store the text as is',
      );
    }
    return raw;
  }
}
