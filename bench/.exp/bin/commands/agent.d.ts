import { GatewayCommand } from '../cli/gateway-command.js';
export declare class AgentCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    message: string;
    stream: boolean;
    agentId: string | undefined;
    sessionKey: string | undefined;
    to: string | undefined;
    channel: string | undefined;
    deliver: boolean;
    account: string | undefined;
    thinking: string | undefined;
    run(): Promise<number>;
}
