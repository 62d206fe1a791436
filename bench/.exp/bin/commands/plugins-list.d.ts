import { GatewayCommand } from '../cli/gateway-command.js';
export declare class PluginsListCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    run(): Promise<void>;
}
