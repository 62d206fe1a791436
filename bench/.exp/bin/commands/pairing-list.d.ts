import { GatewayCommand } from '../cli/gateway-command.js';
export declare class PairingListCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    channel: string | undefined;
    run(): Promise<void>;
}
