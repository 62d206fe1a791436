import { EventEmitter } from 'node:events';
import type { AgentTool } from '../../sdk/tool.js';
import type { ChannelAdapter } from '../../sdk/channel.js';
/** name → (owner, value). Swapping an owner's entries is one synchronous step. */
export declare class OwnedTable<T> {
    private readonly kind;
    private readonly entries;
    constructor(kind: string);
    get(name: string): T | undefined;
    ownerOf(name: string): string | undefined;
    values(): T[];
    conflicts(owner: string, names: Iterable<string>): string[];
    replaceOwner(owner: string, next: ReadonlyMap<string, T>): void;
    add(owner: string, name: string, value: T): void;
}
/** The kernel-wide tables plugins register into (each entry owned by one plugin). */
export declare class PluginRegistries {
    readonly services: OwnedTable<unknown>;
    readonly tools: OwnedTable<AgentTool>;
    readonly channels: OwnedTable<ChannelAdapter>;
    /** Gateway-internal notifications (`system-event`, `config-applied`). */
    readonly internal: EventEmitter<[never]>;
}
