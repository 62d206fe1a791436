import type { Logger } from 'pino';
import { type ConfigErrorReport } from './config/config-controller.js';
import { GatewayError } from './errors.js';
import { PluginHost } from './host/plugin-host.js';
import { PluginRegistries } from './host/registries.js';
import type { BuiltinPlugin } from './host/resolve-plugin.js';
import type { GatewayPaths } from './paths.js';
/** Core wire events the kernel itself emits. */
export declare const CORE_EVENTS: readonly ["connect.challenge", "tick", "presence", "health", "shutdown", "config"];
export interface GatewayFlags {
    port?: number;
    bind?: string;
    token?: string;
    verbose?: boolean;
    force?: boolean;
    allowUnconfigured?: boolean;
}
export interface GatewayOptions {
    paths: GatewayPaths;
    flags: GatewayFlags;
    env: NodeJS.ProcessEnv;
    version: string;
    builtins: readonly BuiltinPlugin[];
    logger: Logger;
    /** Print a user-facing line (the CLI's stdout). */
    announce(line: string): void;
}
/**
 * The running gateway: one start builds a runtime (auth, socket, tables, plugins); an
 * in-process restart tears it down and builds it again in the same process.
 */
export declare class Gateway {
    private readonly options;
    private runtime?;
    private app?;
    private server?;
    private db?;
    private host?;
    private config?;
    private registries?;
    private routes?;
    private readonly connections;
    private tickTimer?;
    private healthTimer?;
    private lastHealthJson;
    private restarting?;
    private stopping?;
    private restartTimer?;
    private readonly processStartedAt;
    port: number;
    bindHost: string;
    constructor(options: GatewayOptions);
    get logger(): Logger;
    start(): Promise<void>;
    /** SIGTERM/SIGINT: tell clients, close them 1001, unload plugins, close the store. */
    stop(reason?: string): Promise<void>;
    /** SIGUSR1 / gateway.restart: drain, close 1012, reload everything, same pid. */
    restart(reason?: string): Promise<void>;
    scheduleRestart(reason: string, delayMs?: number): number;
    private teardown;
    private listen;
    private buildRuntime;
    /** Live kernel settings (no restart): Host/Origin lists, tick interval. */
    private applyKernelSettings;
    private startTimers;
    private stopTimers;
    healthSnapshot(): Record<string, unknown>;
    /** Recompute health; when it changed, bump stateVersion.health and broadcast it. */
    refreshHealth(): void;
    statusSummary(): Record<string, unknown>;
    private sessionDefaults;
    /** The plugin host of the running start (tests and the SDK's test gateway inspect it). */
    get plugins(): PluginHost | undefined;
    get pluginRegistries(): PluginRegistries | undefined;
    /** What an owner has registered in the live tables (leak checks after unload). */
    registeredBy(owner: string): {
        methods: string[];
        routes: string[];
    };
    get authSecret(): string | undefined;
    get configError(): ConfigErrorReport | undefined;
}
export { GatewayError };
