import { Command, Option, UsageError } from 'clipanion';
import { cliCommand } from '../kernel/cli-command.js';
import { type GatewayPaths, isValidProfileName, resolvePaths } from '../kernel/paths.js';

/**
 * Options every command takes: the profile (`--dev`, `--profile <name>`) that picks the state
 * dir, config and ports. Commands extend this class so the flags are spelled once.
 */
export abstract class ProfileCommand extends Command {
  dev = Option.Boolean('--dev', false, { description: 'Use the dev profile (~/.clawdbot-dev, port 19001)' });
  profile = Option.String('--profile', { description: 'Use a named profile (~/.clawdbot-<name>)' });

  gatewayPaths(): GatewayPaths {
    if (this.dev && this.profile)
      throw new UsageError('--dev and --profile cannot be combined: --dev is the profile named "dev"');
    if (this.profile !== undefined && !isValidProfileName(this.profile)) {
      throw new UsageError(
        `--profile "${this.profile}" is not a valid name: use 1-32 lowercase letters, digits, - ` +
          'or _ (and not "dev": use --dev)',
      );
    }
    return resolvePaths({ dev: this.dev, profile: this.profile });
  }

  /**
   * A `moltbot …` command line for a hint, spelled so it runs from here with this profile
   * (`npx moltbot --dev setup` in the package folder, `moltbot setup` when installed).
   */
  hint(args: string): string {
    const profile = this.dev
      ? 'dev'
      : this.profile !== undefined && isValidProfileName(this.profile)
        ? this.profile
        : undefined;
    return cliCommand(args, profile);
  }
}
