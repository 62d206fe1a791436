import type { BuiltinPlugin } from '../kernel/host/resolve-plugin.js';
/**
 * The first-party plugins the gateway ships, in load order. Each is switched by its usual
 * Moltbot config key unless `plugins.entries.<id>.enabled` says otherwise. Only bin/ composes
 * this list into the kernel; plugins never import the kernel.
 */
export declare const BUILTIN_PLUGINS: readonly BuiltinPlugin[];
