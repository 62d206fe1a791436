import { GatewayClient, type GatewayClientOptions } from '../bin/client/gateway-client.js';
import type { PluginDefinition } from './define-plugin.js';
export interface TestGatewayOptions {
    /** Plugins to load (each enabled unless the config disables it). */
    plugins: PluginDefinition[];
    /** Initial moltbot.json (auth is added for you). */
    config?: Record<string, unknown>;
    /** Log to stdout as well (default: only the log file in the temp state dir). */
    verbose?: boolean;
}
export interface Leftovers {
    methods: string[];
    routes: string[];
    services: string[];
    tools: string[];
    channels: string[];
    /** Registered effects (timers, listeners, sockets…) still not disposed on retired generations. */
    undisposedEffects: number;
    /** Retired generations whose lease is still active. */
    activeLeases: number;
}
export interface TestGateway {
    port: number;
    url: string;
    token: string;
    stateDir: string;
    configPath: string;
    /** A connected protocol client (operator.admin unless you ask for scopes). */
    client(options?: Partial<GatewayClientOptions>): Promise<GatewayClient>;
    /** HTTP request to the gateway with the bearer token set. */
    fetch(route: string, init?: RequestInit): Promise<Response>;
    /** Replace the config (auth is kept) and wait until the gateway applied it. */
    setConfig(config: Record<string, unknown>): Promise<void>;
    /** What a plugin still has registered (after unload, everything must be empty/zero). */
    leftovers(id: string): Promise<Leftovers>;
    close(): Promise<void>;
}
export declare function startTestGateway(options: TestGatewayOptions): Promise<TestGateway>;
