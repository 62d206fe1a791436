import { MoltbotCommand } from '../cli/base-command.js';
export declare class ConfigUnsetCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    configPath: string;
    run(): Promise<void>;
}
