import { MoltbotCommand } from '../cli/base-command.js';
export declare class GatewayUninstallCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    json: boolean;
    wantsJson(): boolean;
    run(): Promise<void>;
}
