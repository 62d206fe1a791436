import { GatewayCommand } from '../cli/gateway-command.js';
export declare class StatusCommand extends GatewayCommand {
    static paths: string[][];
    static usage: import("clipanion").Usage;
    all: boolean;
    deep: boolean;
    run(): Promise<number>;
    private render;
}
export declare function formatDuration(ms: number | undefined): string;
