import { GatewayCommand } from '../cli/gateway-command.js';
export declare class GatewayRestartCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    run(): Promise<void>;
    /** Reconnect until hello-ok or the deadline (bounded: one attempt per 250 ms). */
    private waitUntilBack;
}
