import { MoltbotCommand } from '../cli/base-command.js';
export declare class GatewayStartCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    run(): Promise<void>;
}
