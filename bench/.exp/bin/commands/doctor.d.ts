import { MoltbotCommand } from '../cli/base-command.js';
export declare class DoctorCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    fix: boolean;
    json: boolean;
    wantsJson(): boolean;
    run(): Promise<number>;
    private audit;
}
