import { MoltbotCommand } from '../cli/base-command.js';
export declare class ConfigSetCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    configPath: string;
    value: string;
    asString: boolean;
    run(): Promise<void>;
}
