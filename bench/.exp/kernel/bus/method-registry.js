import { compileSchema } from '../schema/compiled.js';
import { kernelError } from '../errors.js';
/**
 * The method table. Looked up per request, so swapping an owner's entries (a plugin reload)
 * takes effect for the next frame on every connection.
 */
export class MethodRegistry {
    methods = new Map();
    static entry(owner, name, def) {
        if (!/^[a-z][a-z0-9-]*(\.[a-z][a-zA-Z0-9-]*)*$/.test(name) || name === 'connect') {
            throw kernelError('GW_ERR_METHOD_DUPLICATE', `"${name}" is not a valid method name (use <area>.<verb>, lowercase)`);
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
    get(name) {
        return this.methods.get(name);
    }
    names() {
        return [...this.methods.keys()].sort();
    }
    byOwner(owner) {
        return [...this.methods.values()].filter((m) => m.owner === owner);
    }
    /** Names in `entries` that another owner already holds. */
    conflicts(owner, entries) {
        return entries.filter((e) => {
            const cur = this.methods.get(e.name);
            return cur !== undefined && cur.owner !== owner;
        }).map((e) => e.name);
    }
    /** Atomically replace every method of `owner` with `entries`. */
    replaceOwner(owner, entries) {
        const clash = this.conflicts(owner, entries);
        if (clash.length)
            throw kernelError('GW_ERR_METHOD_DUPLICATE', `method ${clash.join(', ')} is already registered by another plugin`);
        for (const [name, e] of this.methods)
            if (e.owner === owner)
                this.methods.delete(name);
        for (const e of entries)
            this.methods.set(e.name, e);
    }
    register(owner, name, def) {
        const e = MethodRegistry.entry(owner, name, def);
        if (this.methods.has(name))
            throw kernelError('GW_ERR_METHOD_DUPLICATE', `method ${name} is already registered`);
        this.methods.set(name, e);
    }
}
//# sourceMappingURL=method-registry.js.map