import type { Logger } from 'pino';
import type { PluginDefinition } from '../../sdk/define-plugin.js';
import { isPlainObject, type JsonObject } from '../config/object-path.js';
import { type ConfigIssue, type ConfigPart } from '../config/validate-config.js';
import type { PluginEntry } from '../config/kernel-schema.js';
import type { SqliteDatabase } from '../store/database.js';
import type { KernelRuntime } from '../runtime.js';
import { PluginGeneration } from './plugin-generation.js';
import type { PluginRegistries } from './registries.js';
import { type BuiltinPlugin } from './resolve-plugin.js';
import type { RouteTable } from './route-table.js';
export type PluginState = 'loading' | 'active' | 'failed' | 'disabled';
export interface PluginStatus {
    id: string;
    source: 'builtin' | 'external';
    from?: string;
    enabled: boolean;
    state: PluginState;
    version?: string;
    generation: number;
    configKeys: string[];
    lastError?: {
        code: string;
        message: string;
        at: number;
    };
    loadedAt?: number;
    loadMs?: number;
    methods: string[];
    routes: string[];
}
export interface PluginHostDeps {
    builtins: readonly BuiltinPlugin[];
    runtime: () => KernelRuntime;
    registries: PluginRegistries;
    routes: RouteTable;
    db: SqliteDatabase;
    logger: Logger;
    /** Folder that relative `from` paths resolve against (the config file's folder). */
    baseDir: string;
    drainTimeoutMs: number;
    registerTimeoutMs?: number;
    requestRestart(reason: string, delayMs?: number): void;
    /** Called after any swap so health/features can be refreshed and broadcast. */
    onChange(): void;
}
/** A plugin ready to be built: its definition, its config checked and defaulted. */
export interface PreparedPlugin {
    id: string;
    def: PluginDefinition;
    config: unknown;
}
export type PluginAction = 'load' | 'unload' | 'reload';
/**
 * Loads, swaps, drains and unloads plugin generations (DESIGN.md "Hot reload"). A reload is a
 * transaction: the new generation is built and readied first; only then is it swapped in (one
 * synchronous step over every table), and the old one drains and closes in the background.
 */
export declare class PluginHost {
    private readonly deps;
    private readonly records;
    private readonly retiring;
    /** Generations that were swapped out or unloaded, for leak checks (bounded). */
    private readonly retired;
    private rootConfig;
    private queue;
    constructor(deps: PluginHostDeps);
    /** Which plugins the config wants running. */
    desired(root: JsonObject): Map<string, {
        enabled: boolean;
        entry?: PluginEntry;
        builtin?: BuiltinPlugin;
    }>;
    /** The dotted config paths plugin `id` owns (its configKey), as last loaded. */
    keysOf(id: string): string[];
    /** Config parts of the loaded plugins, for validating a whole config. */
    configParts(): ConfigPart[];
    /**
     * Resolve and check a plugin against a config: version range, SDK range, config schema.
     * Throws a GatewayError naming what is wrong; touches nothing that is running.
     */
    prepare(id: string, root: JsonObject): Promise<PreparedPlugin>;
    /** Config issues a candidate config would cause for the plugins it enables (for edits). */
    check(root: JsonObject, ids: Iterable<string>): Promise<{
        prepared: Map<string, PreparedPlugin>;
        issues: ConfigIssue[];
    }>;
    /** Bring every plugin to what `root` wants. Failures are isolated: recorded, logged, reported. */
    startAll(root: JsonObject): Promise<void>;
    /** Execute the plugin part of a reload plan (after the config was validated). */
    apply(root: JsonObject, actions: ReadonlyMap<string, PluginAction>, prepared?: ReadonlyMap<string, PreparedPlugin>): Promise<void>;
    /** `plugins.reload {id}`: rebuild with the same config. */
    reload(id: string): Promise<PluginStatus>;
    /** Stop everything (restart/shutdown): drain each, bounded, in reverse load order. */
    unloadAll(reason: string): Promise<void>;
    /** Every plugin's config schema (builtins loaded on demand), for config.schema and the CLI. */
    schemaParts(): Promise<Array<{
        id: string;
        keys: string[];
        schema: unknown;
        loaded: boolean;
    }>>;
    /** Before a restart: run every generation's drain hooks and wait for its work (bounded). */
    drainAll(): Promise<void>;
    current(id: string): PluginGeneration | undefined;
    status(id: string): PluginStatus | undefined;
    list(): PluginStatus[];
    /** Drain work in progress (generations retiring in the background). */
    settle(): Promise<void>;
    /** Make a live generation's late registrations visible (registered after activation). */
    commitLate(gen: PluginGeneration): void;
    private ensureRecord;
    /** Plugin operations run one at a time so two reloads of one plugin never interleave. */
    private serialized;
    private loadOrReload;
    private unload;
    private checkConflicts;
    /** The swap: one synchronous step over every table. */
    private commit;
    private withdraw;
    /** Retired generations of a plugin (the last 20 kept), for tests that assert nothing is left. */
    retiredGenerations(id: string): PluginGeneration[];
    private retire;
}
export declare function configKeys(def: PluginDefinition): string[];
export { isPlainObject };
