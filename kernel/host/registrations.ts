/**
 * Everything a plugin can register, as one list. Each kind says how its entries are named, when
 * two plugins clash, how a generation's entries become the live ones, and how they show in
 * `plugins.list`. The host's conflict check, swap, withdrawal, status and leak check are loops
 * over this list: a new kind is one entry here (plus its `ctx` registrar in plugin-context.ts).
 */
import type { ChannelAdapter } from '../../sdk/channel.js';
import type { ChatCommand } from '../../sdk/command.js';
import type { HelloClient } from '../../sdk/context.js';
import type { AgentTool } from '../../sdk/tool.js';
import type { Broadcaster } from '../bus/broadcaster.js';
import type { MethodEntry, MethodRegistry } from '../bus/method-registry.js';
import { kernelError } from '../errors.js';
import { KERNEL_HEALTH_KEYS } from '../health.js';
import type { KeyedReader } from '../keyed-reports.js';
import type { MetricEntry } from '../metrics/plugin-metrics.js';
import { KERNEL_STATUS_KEYS } from '../status-summary.js';
import type { PluginRegistries } from './registries.js';
import type { PluginRoute, RouteTable } from './route-table.js';

/** The live tables of one gateway start. */
export interface HostTables {
  methods: MethodRegistry;
  events: Broadcaster;
  routes: RouteTable;
  /** Tables of the kinds that keep their entries in an owner-keyed table (services, tools, …). */
  owned: PluginRegistries;
}

export interface RegistrationKind<E> {
  /** Plural name: the key in `plugins.list` entries and in `leftovers()`. */
  readonly name: string;
  /** What one entry is called in messages ("method", "route"). */
  readonly noun: string;
  /** The entry's name, unique within the kind. */
  key(entry: E): string;
  /** Registering a key twice in one generation: refused, or the second replaces the first. */
  readonly twice: 'refuse' | 'replace';
  /** Throws GW_ERR_REGISTRATION_INVALID when the entry is malformed (before it is staged). */
  check?(entry: E): void;
  /** The conflict rule: keys of `entries` that would clash with what other owners hold. */
  conflicts(t: HostTables, owner: string, entries: readonly E[]): string[];
  /** Make `entries` the owner's whole set in the live table, in one synchronous step. */
  commit(t: HostTables, owner: string, entries: readonly E[]): void;
  /** What `owner` holds in the live table (for leak checks). */
  held(t: HostTables, owner: string): string[];
  /** The status view of a generation's entries (`plugins.list`). */
  view(entries: readonly E[]): string[];
}

/** A service under its name. */
export interface ServiceEntry {
  name: string;
  impl: unknown;
}

/** A hello-ok field a plugin contributes (`ctx.hello.contribute`). */
export interface HelloFieldEntry {
  field: string;
  value: (client: HelloClient) => unknown;
}

/** A declared wire event name. */
export interface EventEntry {
  name: string;
}

function invalid(message: string): never {
  throw kernelError('GW_ERR_REGISTRATION_INVALID', message);
}

/** A kind kept in its own owner-keyed table: one owner per key. */
function ownedKind<E>(
  name: string,
  noun: string,
  key: (entry: E) => string,
  extra: Partial<Pick<RegistrationKind<E>, 'check' | 'conflicts' | 'commit' | 'view'>> = {},
): RegistrationKind<E> {
  return {
    name,
    noun,
    key,
    twice: 'replace',
    conflicts: (t, owner, entries) =>
      t.owned.table<E>(name).conflicts(
        owner,
        entries.map((e) => key(e)),
      ),
    commit: (t, owner, entries) =>
      t.owned.table<E>(name).replaceOwner(
        owner,
        entries.map((e) => [key(e), e] as const),
      ),
    held: (t, owner) => t.owned.table<E>(name).namesOf(owner),
    view: (entries) => entries.map((e) => key(e)).sort(),
    ...extra,
  };
}

/**
 * Keyed readers (health, status): a key clashes with the kernel's own fields, with another
 * owner's key, or with one nested inside it (`errors` vs `errors.deadLetters`).
 */
function reportKind(name: string, noun: string, reserved: readonly string[]): RegistrationKind<KeyedReader> {
  const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);
  return ownedKind<KeyedReader>(name, noun, (e) => e.key, {
    check(e) {
      if (!/^[a-zA-Z][a-zA-Z0-9_-]*(\.[a-zA-Z][a-zA-Z0-9_-]*)*$/.test(e.key))
        invalid(`${noun} key "${e.key}" is not a (dotted) name`);
      if (typeof e.read !== 'function') invalid(`${noun} ${e.key}: read must be a function`);
      // The kernel's own fields are never a plugin's, whoever is loaded.
      const kernel = reserved.find((k) => k === e.key || e.key.startsWith(`${k}.`) || k.startsWith(`${e.key}.`));
      if (kernel) invalid(`${noun} key "${e.key}" is the kernel's own (${kernel})`);
    },
    conflicts(t, owner, entries) {
      const table = t.owned.table<KeyedReader>(name);
      const others = table.values().filter((v) => table.ownerOf(v.key) !== owner);
      return entries.filter((e) => others.some((o) => overlaps(o.key, e.key))).map((e) => e.key);
    },
  });
}

const methods: RegistrationKind<MethodEntry> = {
  name: 'methods',
  noun: 'method',
  key: (e) => e.name,
  twice: 'refuse',
  conflicts: (t, owner, entries) => t.methods.conflicts(owner, entries),
  commit: (t, owner, entries) => t.methods.replaceOwner(owner, entries),
  held: (t, owner) => t.methods.byOwner(owner).map((m) => m.name),
  view: (entries) => entries.map((e) => e.name).sort(),
};

/** Event names are shared: several plugins may declare (and emit) one; no conflict. */
const events: RegistrationKind<EventEntry> = {
  name: 'events',
  noun: 'event',
  key: (e) => e.name,
  twice: 'replace',
  check(e) {
    if (typeof e.name !== 'string' || !/^[a-z][a-zA-Z0-9._-]*$/.test(e.name))
      invalid(`event name "${String(e.name)}" is not valid (lowercase, dotted)`);
  },
  conflicts: () => [],
  commit: (t, owner, entries) =>
    t.events.replaceOwner(
      owner,
      entries.map((e) => e.name),
    ),
  held: (t, owner) => t.events.namesOf(owner),
  view: (entries) => entries.map((e) => e.name).sort(),
};

const routes: RegistrationKind<PluginRoute> = {
  name: 'routes',
  noun: 'route',
  key: (r) => `${r.method} ${r.url}`,
  twice: 'replace',
  conflicts: (t, owner, entries) => t.routes.conflicts(owner, entries),
  commit: (t, owner, entries) => (entries.length ? t.routes.set(owner, entries) : t.routes.delete(owner)),
  held: (t, owner) => t.routes.routesOf(owner).map((r) => `${r.method} ${r.url}`),
  // Fastify adds HEAD beside every GET; listing it would only repeat the GET.
  view: (entries) => entries.filter((r) => r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`),
};

const services = ownedKind<ServiceEntry>('services', 'service', (e) => e.name);

const tools = ownedKind<AgentTool>('tools', 'tool', (t) => t.name, {
  check(t) {
    if (typeof t?.name !== 'string' || !/^[a-zA-Z][a-zA-Z0-9_-]{0,63}$/.test(t.name))
      invalid(`tool name "${String(t?.name)}" is not valid (letters, digits, _ and -, at most 64)`);
    if (typeof t.execute !== 'function') invalid(`tool ${t.name}: execute must be a function`);
  },
});

const channels = ownedKind<ChannelAdapter>('channels', 'channel', (c) => c.id, {
  check(c) {
    if (typeof c?.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(c.id))
      invalid(`channel id "${String(c?.id)}" is not valid (lowercase letters, digits and -)`);
  },
});

const commands = ownedKind<ChatCommand>('commands', 'chat command', (c) => c.name, {
  // Named as typed (`/status`) with its holder, so the failed plugin's error says whom it clashes with.
  conflicts(t, owner, entries) {
    const table = t.owned.table<ChatCommand>('commands');
    return table
      .conflicts(
        owner,
        entries.map((c) => c.name),
      )
      .map((name) => `/${name} (from plugin ${table.ownerOf(name)})`);
  },
  check(c) {
    if (typeof c?.name !== 'string' || !/^[a-z][a-z0-9_]{0,31}$/.test(c.name))
      invalid(
        `chat command name "${String(c?.name)}" is not valid: 1-32 lowercase letters, digits or _, ` +
          'starting with a letter, without the leading /',
      );
    if (typeof c.description !== 'string' || c.description.trim() === '' || c.description.length > 256)
      invalid(`chat command /${c.name}: description must be one line of 1-256 characters`);
    if (typeof c.handler !== 'function') invalid(`chat command /${c.name}: handler must be a function`);
    if (c.ownerOnly !== undefined && typeof c.ownerOnly !== 'boolean' && c.ownerOnly !== 'groups')
      invalid(`chat command /${c.name}: ownerOnly must be true, false or "groups"`);
  },
  commit(t, owner, entries) {
    const table = t.owned.table<ChatCommand>('commands');
    const menu = () =>
      table
        .values()
        .map((c) => `${c.name} ${c.description}`)
        .sort()
        .join('\n');
    const before = menu();
    table.replaceOwner(
      owner,
      entries.map((c) => [c.name, c] as const),
    );
    const names = table
      .values()
      .map((c) => c.name)
      .sort();
    // Channels with a command menu (Telegram's setMyCommands) follow the list.
    if (menu() !== before) t.owned.internal.emit('commands-changed', { names });
  },
});

const helloFields = ownedKind<HelloFieldEntry>('helloFields', 'hello-ok field', (e) => e.field, {
  check(e) {
    if (e.field !== 'canvasHostUrl') invalid(`hello-ok field "${String(e.field)}" cannot be contributed by a plugin`);
    if (typeof e.value !== 'function') invalid(`hello-ok field ${e.field}: value must be a function`);
  },
});
/** Prometheus metrics, exposed as `moltbot_<name>` (kernel/metrics/plugin-metrics.ts checks the name). */
const metrics = ownedKind<MetricEntry>('metrics', 'metric', (m) => m.name);

const healthReports = reportKind('healthReports', 'health report', KERNEL_HEALTH_KEYS);
const statusSections = reportKind('statusSections', 'status section', KERNEL_STATUS_KEYS);

/**
 * Every registration kind, in the order the host swaps them in. The key is the kind's name
 * (registrations.test.ts checks they agree).
 */
export const KIND = {
  methods,
  events,
  services,
  tools,
  channels,
  commands,
  helloFields,
  healthReports,
  statusSections,
  metrics,
  routes,
} as const;

export type RegistrationKindName = keyof typeof KIND;

export const REGISTRATION_KINDS: ReadonlyArray<RegistrationKind<any>> = Object.values(KIND);

/** One value per kind (status views, leftovers). */
export type PerKind<T> = { [K in RegistrationKindName]: T };

export function perKind<T>(fn: (kind: RegistrationKind<any>) => T): PerKind<T> {
  const out = {} as Record<string, T>;
  for (const kind of REGISTRATION_KINDS) out[kind.name] = fn(kind);
  return out as PerKind<T>;
}
