import { EventEmitter } from 'node:events';
import type { ChannelAdapter } from '../../sdk/channel.js';
import type { ChatCommand } from '../../sdk/command.js';
import type { AgentTool } from '../../sdk/tool.js';
import { PluginListeners } from './plugin-listeners.js';
import type { ServiceEntry } from './registrations.js';

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

  /** The names `owner` holds. */
  namesOf(owner: string): string[] {
    return [...this.entries].filter(([, e]) => e.owner === owner).map(([name]) => name);
  }

  conflicts(owner: string, names: Iterable<string>): string[] {
    return [...names].filter((n) => {
      const cur = this.entries.get(n);
      return cur !== undefined && cur.owner !== owner;
    });
  }

  /** Make `next` the owner's whole set (its other entries go). Throws on a clash, changing nothing. */
  replaceOwner(owner: string, next: Iterable<readonly [string, T]>): void {
    const list = [...next];
    const clash = this.conflicts(
      owner,
      list.map(([name]) => name),
    );
    if (clash.length) throw new Error(`${this.kind} ${clash.join(', ')} already provided by another plugin`);
    for (const [name, e] of this.entries) if (e.owner === owner) this.entries.delete(name);
    for (const [name, value] of list) this.entries.set(name, { owner, value });
  }
}

/**
 * The kernel-wide tables plugins register into (each entry owned by one plugin), one per
 * registration kind that has no table of its own elsewhere (methods, events and routes do).
 * `table(kind)` makes a new kind's table on first use, so adding a kind touches only
 * `registrations.ts`.
 */
export class PluginRegistries {
  private readonly tables = new Map<string, OwnedTable<unknown>>();
  /** Gateway-internal notifications (`system-event`, `config-applied`). */
  readonly internal = new EventEmitter().setMaxListeners(200);
  /** Plugins' own ports (`ctx.listeners.open`), handed from generation to generation. */
  readonly listeners = new PluginListeners();

  table<T>(kind: string): OwnedTable<T> {
    let t = this.tables.get(kind);
    if (!t) this.tables.set(kind, (t = new OwnedTable<unknown>(kind)));
    return t as OwnedTable<T>;
  }

  get services(): OwnedTable<ServiceEntry> {
    return this.table('services');
  }

  get tools(): OwnedTable<AgentTool> {
    return this.table('tools');
  }

  get channels(): OwnedTable<ChannelAdapter> {
    return this.table('channels');
  }

  get commands(): OwnedTable<ChatCommand> {
    return this.table('commands');
  }
}
