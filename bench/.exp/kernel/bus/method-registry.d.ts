import type { TSchema } from 'typebox';
import type { MethodCall, Scope } from '../../sdk/context.js';
import { type CompiledSchema } from '../schema/compiled.js';
export interface MethodEntry {
    name: string;
    /** `kernel` or the plugin id. */
    owner: string;
    scope: Scope;
    params: CompiledSchema;
    paramsSchema: TSchema;
    idempotent: boolean;
    description?: string;
    handler(params: any, call: MethodCall): unknown;
}
export interface MethodDefinition {
    scope: Scope;
    params: TSchema;
    idempotent?: boolean;
    description?: string;
    handler(params: any, call: MethodCall): unknown;
}
/**
 * The method table. Looked up per request, so swapping an owner's entries (a plugin reload)
 * takes effect for the next frame on every connection.
 */
export declare class MethodRegistry {
    private readonly methods;
    static entry(owner: string, name: string, def: MethodDefinition): MethodEntry;
    get(name: string): MethodEntry | undefined;
    names(): string[];
    byOwner(owner: string): MethodEntry[];
    /** Names in `entries` that another owner already holds. */
    conflicts(owner: string, entries: readonly MethodEntry[]): string[];
    /** Atomically replace every method of `owner` with `entries`. */
    replaceOwner(owner: string, entries: readonly MethodEntry[]): void;
    register(owner: string, name: string, def: MethodDefinition): void;
}
