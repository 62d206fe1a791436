import type { Logger } from 'pino';
import type { PluginHost, PluginAction } from '../host/plugin-host.js';
import type { PluginRegistries } from '../host/registries.js';
import type { GatewayPaths } from '../paths.js';
import { type ConfigSnapshot, type RawConfig } from './config-file.js';
import { type ConfigIssue } from './validate-config.js';
export interface ConfigErrorReport {
    file: string;
    /** Dotted path of the first failing value, when known. */
    path?: string;
    message: string;
    issues?: ConfigIssue[];
    at: number;
}
export interface ApplyResult {
    ok: true;
    hash: string;
    changed: string[];
    restart: boolean;
    restartDeferred: string[];
    plugins: Record<string, PluginAction>;
    warnings: ConfigIssue[];
}
export interface ConfigControllerDeps {
    paths: GatewayPaths;
    logger: Logger;
    host: PluginHost;
    registries: PluginRegistries;
    initial: ConfigSnapshot;
    broadcast(event: string, payload: unknown): void;
    applyKernelSettings(root: RawConfig): void;
    restart(reason: string): void;
    onError(): void;
}
/**
 * The config as the gateway runs it. Every change — a file edit seen by the watcher, or a
 * config.set/patch/apply call — goes through `apply`: parse, validate (kernel + the plugins it
 * enables), plan, then write (for calls) and execute. A rejected change keeps the running config.
 */
export declare class ConfigController {
    private readonly deps;
    current: RawConfig;
    hash: string;
    lastError?: ConfigErrorReport;
    private watcher?;
    private debounce?;
    private chain;
    constructor(deps: ConfigControllerDeps);
    get file(): string;
    private get reloadSettings();
    /**
     * Validate and apply a whole new config. `write` persists it (atomic, 0600) before it runs;
     * `baseHash` refuses the write if the file changed since the caller read it.
     */
    apply(next: RawConfig, options: {
        write: boolean;
        baseHash?: string;
        source: string;
    }): Promise<ApplyResult>;
    applyText(text: string, options: {
        write: boolean;
        baseHash?: string;
        source: string;
    }): Promise<ApplyResult>;
    private applyNow;
    /**
     * Watch the config file (its folder, so editors that replace by rename are seen). Resolves
     * once the watcher is ready, so an edit made right after the gateway says it is listening is seen.
     */
    watch(): Promise<void>;
    close(): Promise<void>;
    private onFileChanged;
    private reject;
}
