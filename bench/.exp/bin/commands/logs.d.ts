import { GatewayCommand } from '../cli/gateway-command.js';
export declare class LogsCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    follow: boolean;
    lines: number;
    level: string | undefined;
    run(): Promise<number>;
    /** logs.tail with a cursor: the gateway says when the file was rotated (reset) or lines were skipped. */
    private remote;
}
