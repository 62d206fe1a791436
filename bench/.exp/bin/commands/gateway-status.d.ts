import { GatewayCommand } from '../cli/gateway-command.js';
export declare class GatewayStatusCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    run(): Promise<number>;
}
