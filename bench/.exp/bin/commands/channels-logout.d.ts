import { GatewayCommand } from '../cli/gateway-command.js';
export declare class ChannelsLogoutCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    channel: string;
    account: string | undefined;
    run(): Promise<void>;
}
