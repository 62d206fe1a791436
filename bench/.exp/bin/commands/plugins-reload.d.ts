import { GatewayCommand } from '../cli/gateway-command.js';
export declare class PluginsReloadCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    id: string;
    run(): Promise<void>;
}
