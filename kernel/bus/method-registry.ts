import type { TSchema } from 'typebox';
import type { MethodCall, Scope } from '../../sdk/context.js';
import { kernelError } from '../errors.js';
import { type CompiledSchema, compileSchema } from '../schema/compiled.js';

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
export class MethodRegistry {
  private readonly methods = new Map<string, MethodEntry>();
  /** The sorted names every hello-ok lists, kept until the table changes. */
  private sortedNames?: readonly string[];

  static entry(owner: string, name: string, def: MethodDefinition): MethodEntry {
    if (!/^[a-z][a-z0-9-]*(\.[a-z][a-zA-Z0-9-]*)*$/.test(name) || name === 'connect') {
      throw kernelError(
        'GW_ERR_METHOD_DUPLICATE',
        `"${name}" is not a valid method name (use <area>.<verb>, lowercase)`,
      );
    }
    return {
      name,
      owner,
      scope: def.scope,
      params: compileSchema(def.params),
      paramsSchema: def.params,
      idempotent: def.idempotent ?? false,
      description: def.description,
      handler: def.handler,
    };
  }

  get(name: string): MethodEntry | undefined {
    return this.methods.get(name);
  }

  /** Sorted; the same frozen array until a method is added or an owner's set replaced. */
  names(): readonly string[] {
    this.sortedNames ??= Object.freeze([...this.methods.keys()].sort());
    return this.sortedNames;
  }

  byOwner(owner: string): MethodEntry[] {
    return [...this.methods.values()].filter((m) => m.owner === owner);
  }

  /** Names in `entries` that another owner already holds. */
  conflicts(owner: string, entries: readonly MethodEntry[]): string[] {
    return entries
      .filter((e) => {
        const cur = this.methods.get(e.name);
        return cur !== undefined && cur.owner !== owner;
      })
      .map((e) => e.name);
  }

  /** Atomically replace every method of `owner` with `entries`. */
  replaceOwner(owner: string, entries: readonly MethodEntry[]): void {
    const clash = this.conflicts(owner, entries);
    if (clash.length)
      throw kernelError(
        'GW_ERR_METHOD_DUPLICATE',
        `method ${clash.join(', ')} is already registered by another plugin`,
      );
    for (const [name, e] of this.methods) if (e.owner === owner) this.methods.delete(name);
    for (const e of entries) this.methods.set(e.name, e);
    this.sortedNames = undefined;
  }

  register(owner: string, name: string, def: MethodDefinition): void {
    const e = MethodRegistry.entry(owner, name, def);
    if (this.methods.has(name)) throw kernelError('GW_ERR_METHOD_DUPLICATE', `method ${name} is already registered`);
    this.methods.set(name, e);
    this.sortedNames = undefined;
  }
}
