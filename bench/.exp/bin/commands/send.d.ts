import { GatewayCommand } from '../cli/gateway-command.js';
export declare class SendCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    to: string;
    message: string;
    channel: string | undefined;
    account: string | undefined;
    media: string[] | undefined;
    idempotencyKey: string | undefined;
    run(): Promise<void>;
}
