import { MoltbotCommand } from '../cli/base-command.js';
export declare class ConfigGetCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    configPath: string | undefined;
    showSecrets: boolean;
    json: boolean;
    wantsJson(): boolean;
    run(): Promise<number>;
}
