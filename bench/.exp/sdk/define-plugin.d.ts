import type { Static, TSchema } from 'typebox';
import type { PluginApp, PluginContext } from './context.js';
/** A plugin's manifest and its `register` function (DESIGN.md "The plugin contract"). */
export interface PluginDefinition<S extends TSchema = TSchema> {
    /** Lowercase id; matches its key in `plugins.entries`. */
    id: string;
    /** The plugin's own semver version. */
    version: string;
    /** semver range of the SDK it was written for; must include the kernel's SDK_VERSION. */
    sdk: string;
    /**
     * The config subtree(s) it owns, as dotted paths. Default: `plugins.entries.<id>.config`.
     * With several keys, `ctx.config` is an object keyed by those paths.
     */
    configKey?: string | readonly string[];
    /** TypeBox schema of the config it owns; defaults in the schema are applied. */
    configSchema: S;
    /** Services (provided by other plugins) this plugin looks up with `ctx.services.get`. */
    dependsOn?: readonly string[];
    description?: string;
    /**
     * Called once per generation with the generation's own encapsulated Fastify instance and
     * context. Everything it registers (routes, methods, timers, sockets) dies with the generation.
     */
    register(app: PluginApp, ctx: PluginContext<Static<S>>): void | Promise<void>;
}
/** Declare a plugin. Types flow from `configSchema` into `ctx.config`. */
export declare function definePlugin<S extends TSchema>(definition: PluginDefinition<S>): PluginDefinition<S>;
export declare function isPluginDefinition(value: unknown): value is PluginDefinition;
