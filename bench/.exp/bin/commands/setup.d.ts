import { MoltbotCommand } from '../cli/base-command.js';
export declare class SetupCommand extends MoltbotCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    nonInteractive: boolean;
    resetToken: boolean;
    port: number | undefined;
    workspace: string | undefined;
    telegramToken: string | undefined;
    provider: string | undefined;
    providerBaseUrl: string | undefined;
    providerApiKey: string | undefined;
    providerApi: string | undefined;
    model: string | undefined;
    json: boolean;
    wantsJson(): boolean;
    run(): Promise<void>;
    private fromFlags;
    private ask;
}
