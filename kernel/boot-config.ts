import { cliCommand } from './cli-command.js';
import { type RawConfig, readConfigFile } from './config/config-file.js';
import { formatIssues, validateConfig } from './config/validate-config.js';
import { kernelError } from './errors.js';

/**
 * The config a start boots from: the file must exist (unless `--allow-unconfigured`) and the
 * kernel's part must be valid; plugins' parts are checked when each plugin loads.
 */
export function readBootConfig(configPath: string, allowUnconfigured: boolean, profile?: string): RawConfig {
  const snapshot = readConfigFile(configPath);
  if (!snapshot.exists && !allowUnconfigured) {
    throw kernelError(
      'GW_ERR_CONFIG_INVALID',
      `no config at ${configPath}: run "${cliCommand('setup', profile)}" first, or start with --allow-unconfigured`,
    );
  }
  const kernelCheck = validateConfig(snapshot.config, []);
  if (!kernelCheck.ok) {
    throw kernelError('GW_ERR_CONFIG_INVALID', `${configPath}: ${formatIssues(kernelCheck.issues)}`, {
      details: { issues: kernelCheck.issues },
    });
  }
  return snapshot.config;
}
