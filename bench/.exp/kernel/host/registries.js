import { EventEmitter } from 'node:events';
/** name → (owner, value). Swapping an owner's entries is one synchronous step. */
export class OwnedTable {
    kind;
    entries = new Map();
    constructor(kind) {
        this.kind = kind;
    }
    get(name) {
        return this.entries.get(name)?.value;
    }
    ownerOf(name) {
        return this.entries.get(name)?.owner;
    }
    values() {
        return [...this.entries.values()].map((e) => e.value);
    }
    conflicts(owner, names) {
        return [...names].filter((n) => {
            const cur = this.entries.get(n);
            return cur !== undefined && cur.owner !== owner;
        });
    }
    replaceOwner(owner, next) {
        const clash = this.conflicts(owner, next.keys());
        if (clash.length)
            throw new Error(`${this.kind} ${clash.join(', ')} already provided by another plugin`);
        for (const [name, e] of this.entries)
            if (e.owner === owner)
                this.entries.delete(name);
        for (const [name, value] of next)
            this.entries.set(name, { owner, value });
    }
    add(owner, name, value) {
        const cur = this.entries.get(name);
        if (cur && cur.owner !== owner)
            throw new Error(`${this.kind} ${name} already provided by plugin ${cur.owner}`);
        this.entries.set(name, { owner, value });
    }
}
/** The kernel-wide tables plugins register into (each entry owned by one plugin). */
export class PluginRegistries {
    services = new OwnedTable('service');
    tools = new OwnedTable('tool');
    channels = new OwnedTable('channel');
    /** Gateway-internal notifications (`system-event`, `config-applied`). */
    internal = new EventEmitter().setMaxListeners(200);
}
//# sourceMappingURL=registries.js.map