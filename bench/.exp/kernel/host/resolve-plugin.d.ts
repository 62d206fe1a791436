import { type PluginDefinition } from '../../sdk/define-plugin.js';
/** A first-party plugin the gateway ships (bin/ composes the catalog; the kernel never imports plugins/). */
export interface BuiltinPlugin {
    id: string;
    /** The config paths it owns (its configKey), known without importing it. */
    configKeys: readonly string[];
    load(): Promise<PluginDefinition>;
    /** Whether it runs when `plugins.entries.<id>.enabled` is unset, from its usual config keys. */
    enabledByDefault(root: Record<string, unknown>): boolean;
}
/**
 * Import a third-party plugin from a path (file or package folder) or an installed package name.
 * The URL carries the generation so each reload imports the code afresh (Node's ESM cache
 * cannot be cleared); the module's default export must be a `definePlugin(...)` value.
 */
export declare function importPlugin(from: string, baseDir: string, generation: number): Promise<PluginDefinition>;
export declare function resolveEntryFile(from: string, baseDir: string): string;
