import { GatewayCommand } from '../cli/gateway-command.js';
export declare class ChannelsStatusCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    probe: boolean;
    run(): Promise<void>;
}
