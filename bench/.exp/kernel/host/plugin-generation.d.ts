import type { IncomingMessage, ServerResponse } from 'node:http';
import { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { PluginDefinition } from '../../sdk/define-plugin.js';
import type { AgentTool } from '../../sdk/tool.js';
import type { ChannelAdapter } from '../../sdk/channel.js';
import { type MethodEntry } from '../bus/method-registry.js';
import { type SqliteDatabase } from '../store/database.js';
import type { KernelRuntime } from '../runtime.js';
import type { PluginRoute } from './route-table.js';
import { GenerationLease } from './generation-lease.js';
import type { PluginRegistries } from './registries.js';
export interface GenerationDeps {
    runtime: () => KernelRuntime;
    registries: PluginRegistries;
    db: SqliteDatabase;
    logger: Logger;
    rootConfig: Record<string, unknown>;
    requestRestart(reason: string, delayMs?: number): void;
    /** Make the staged registrations live (called when the plugin registers after activation). */
    onLateRegistration(gen: PluginGeneration): void;
}
/**
 * One load of a plugin: its own inner Fastify instance (never listens), its staged methods,
 * events, services, tools and channels, and its lease. Nothing is visible to clients until the
 * host swaps it in.
 */
export declare class PluginGeneration {
    readonly def: PluginDefinition;
    readonly number: number;
    readonly config: unknown;
    private readonly deps;
    readonly inner: FastifyInstance;
    readonly lease: GenerationLease;
    readonly logger: Logger;
    readonly methods: Map<string, MethodEntry>;
    readonly events: Set<string>;
    readonly services: Map<string, unknown>;
    readonly tools: Map<string, AgentTool>;
    readonly channels: Map<string, ChannelAdapter>;
    readonly routes: PluginRoute[];
    readonly drainHooks: Array<() => unknown | Promise<unknown>>;
    live: boolean;
    private inflightHttp;
    private hooksRun?;
    private readonly idleWaiters;
    constructor(def: PluginDefinition, number: number, config: unknown, deps: GenerationDeps);
    get id(): string;
    /** Run the plugin's `register` and ready the inner instance (bounded). */
    build(timeoutMs: number): Promise<void>;
    /** Serve one HTTP request; counted so draining can wait for it (SSE included). */
    serve(req: IncomingMessage, res: ServerResponse): void;
    get inflight(): number;
    /** Wait for in-flight HTTP requests and tracked work, or the deadline. */
    drain(deadlineMs: number): Promise<boolean>;
    /** End the lease (disposers in reverse order) and close the inner instance. */
    close(): Promise<void>;
    private context;
    private assertActive;
}
