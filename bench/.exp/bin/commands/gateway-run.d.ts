import { UsageError } from 'clipanion';
import { ProfileCommand } from '../profile-options.js';
export declare class GatewayRunCommand extends ProfileCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    port: number | undefined;
    bind: string | undefined;
    token: string | undefined;
    verbose: boolean;
    force: boolean;
    allowUnconfigured: boolean;
    execute(): Promise<number>;
}
export { UsageError };
