import { GatewayCommand } from '../cli/gateway-command.js';
export declare class PairingApproveCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    channel: string;
    code: string;
    run(): Promise<void>;
}
