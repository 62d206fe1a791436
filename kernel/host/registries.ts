import { EventEmitter } from 'node:events';
import type { ChannelAdapter } from '../../sdk/channel.js';
import type { AgentTool } from '../../sdk/tool.js';

/** name → (owner, value). Swapping an owner's entries is one synchronous step. */
export class OwnedTable<T> {
  private readonly entries = new Map<string, { owner: string; value: T }>();

  constructor(private readonly kind: string) {}

  get(name: string): T | undefined {
    return this.entries.get(name)?.value;
  }

  ownerOf(name: string): string | undefined {
    return this.entries.get(name)?.owner;
  }

  values(): T[] {
    return [...this.entries.values()].map((e) => e.value);
  }

  conflicts(owner: string, names: Iterable<string>): string[] {
    return [...names].filter((n) => {
      const cur = this.entries.get(n);
      return cur !== undefined && cur.owner !== owner;
    });
  }

  replaceOwner(owner: string, next: ReadonlyMap<string, T>): void {
    const clash = this.conflicts(owner, next.keys());
    if (clash.length) throw new Error(`${this.kind} ${clash.join(', ')} already provided by another plugin`);
    for (const [name, e] of this.entries) if (e.owner === owner) this.entries.delete(name);
    for (const [name, value] of next) this.entries.set(name, { owner, value });
  }

  add(owner: string, name: string, value: T): void {
    const cur = this.entries.get(name);
    if (cur && cur.owner !== owner) throw new Error(`${this.kind} ${name} already provided by plugin ${cur.owner}`);
    this.entries.set(name, { owner, value });
  }
}

/** The kernel-wide tables plugins register into (each entry owned by one plugin). */
export class PluginRegistries {
  readonly services = new OwnedTable<unknown>('service');
  readonly tools = new OwnedTable<AgentTool>('tool');
  readonly channels = new OwnedTable<ChannelAdapter>('channel');
  /** Gateway-internal notifications (`system-event`, `config-applied`). */
  readonly internal = new EventEmitter().setMaxListeners(200);
}
