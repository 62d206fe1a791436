import { GatewayCommand } from '../cli/gateway-command.js';
export declare class SessionsListCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    limit: number | undefined;
    agentId: string | undefined;
    run(): Promise<void>;
}
