import { MoltbotCommand } from '../cli/base-command.js';
export declare class GatewayInstallCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    system: boolean;
    user: string | undefined;
    port: number | undefined;
    dryRun: boolean;
    run(): Promise<void>;
}
