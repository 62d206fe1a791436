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

const PLUGIN_MARK = Symbol.for('moltbot.plugin');

/** Declare a plugin. Types flow from `configSchema` into `ctx.config`. */
export function definePlugin<S extends TSchema>(definition: PluginDefinition<S>): PluginDefinition<S> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(definition.id))
    throw new TypeError(`plugin id "${definition.id}" must be lowercase letters, digits and dashes`);
  if (typeof definition.register !== 'function')
    throw new TypeError(`plugin ${definition.id}: register must be a function`);
  return Object.freeze({ ...definition, [PLUGIN_MARK]: true }) as PluginDefinition<S>;
}

export function isPluginDefinition(value: unknown): value is PluginDefinition {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[PLUGIN_MARK] === true;
}
