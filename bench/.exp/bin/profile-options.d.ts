import { Command } from 'clipanion';
import { type GatewayPaths } from '../kernel/paths.js';
/**
 * Options every command takes: the profile (`--dev`, `--profile <name>`) that picks the state
 * dir, config and ports. Commands extend this class so the flags are spelled once.
 */
export declare abstract class ProfileCommand extends Command {
    dev: boolean;
    profile: string | undefined;
    gatewayPaths(): GatewayPaths;
}
