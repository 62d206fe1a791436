import type { Logger } from 'pino';
import type { PluginDefinition } from '../../sdk/define-plugin.js';
import type { JsonObject } from '../config/object-path.js';
import { type ConfigIssue, type ConfigPart, selectConfig } from '../config/validate-config.js';
import { GatewayError, kernelError } from '../errors.js';
import type { KernelRuntime } from '../runtime.js';
import type { SqliteDatabase } from '../store/database.js';
import { PluginGeneration } from './plugin-generation.js';
import {
  configKeys,
  type DesiredPlugin,
  desiredPlugins,
  type PreparedPlugin,
  resolvePlugin,
} from './plugin-resolver.js';
import type { PluginState, PluginStatus, PluginSummary } from './plugin-status.js';
import { type HostTables, perKind, REGISTRATION_KINDS, type RegistrationKind } from './registrations.js';
import type { PluginRegistries } from './registries.js';
import type { BuiltinPlugin } from './resolve-plugin.js';
import type { RouteTable } from './route-table.js';

interface PluginRecord {
  id: string;
  builtin?: BuiltinPlugin;
  from?: string;
  enabled: boolean;
  state: PluginState;
  generation: number;
  current?: PluginGeneration;
  def?: PluginDefinition;
  lastError?: { code: string; message: string; at: number };
  loadedAt?: number;
  loadMs?: number;
}

export interface PluginHostDeps {
  builtins: readonly BuiltinPlugin[];
  runtime: () => KernelRuntime;
  registries: PluginRegistries;
  routes: RouteTable;
  db: SqliteDatabase;
  logger: Logger;
  /** Folder that relative `from` paths resolve against (the config file's folder). */
  baseDir: string;
  drainTimeoutMs: number;
  registerTimeoutMs?: number;
  requestRestart(reason: string, delayMs?: number): void;
  /** Called after any swap so health/features can be refreshed and broadcast. */
  onChange(): void;
}

export type PluginAction = 'load' | 'unload' | 'reload';

/**
 * Loads, swaps, drains and unloads plugin generations (DESIGN.md "Hot reload"). A reload is a
 * transaction: the new generation is built and readied first; only then is it swapped in (one
 * synchronous step over every table), and the old one drains and closes in the background.
 */
export class PluginHost {
  private readonly records = new Map<string, PluginRecord>();
  private readonly retiring = new Set<Promise<void>>();
  /** Generations that were swapped out or unloaded, for leak checks (bounded). */
  private readonly retired: PluginGeneration[] = [];
  private rootConfig: JsonObject = {};
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: PluginHostDeps) {
    for (const b of deps.builtins)
      this.records.set(b.id, { id: b.id, builtin: b, enabled: false, state: 'disabled', generation: 0 });
  }

  /** Which plugins the config wants running. */
  desired(root: JsonObject): Map<string, DesiredPlugin> {
    return desiredPlugins(this.deps.builtins, root);
  }

  /** The dotted config paths plugin `id` owns (its configKey), as last loaded. */
  keysOf(id: string): string[] {
    const def = this.records.get(id)?.def;
    return def ? configKeys(def) : [`plugins.entries.${id}.config`];
  }

  /** Config parts of the loaded plugins, for validating a whole config. */
  configParts(): ConfigPart[] {
    const parts: ConfigPart[] = [];
    for (const r of this.records.values()) {
      if (!r.def || !r.enabled) continue;
      const keys = configKeys(r.def);
      parts.push({ owner: r.id, keys, schema: r.def.configSchema, select: (root) => selectConfig(root, keys) });
    }
    return parts;
  }

  /**
   * Resolve and check a plugin against a config: version range, SDK range, config schema.
   * Throws a GatewayError naming what is wrong; touches nothing that is running.
   */
  prepare(id: string, root: JsonObject): Promise<PreparedPlugin> {
    const record = this.records.get(id);
    return resolvePlugin(id, this.desired(root).get(id), root, {
      loaded: record?.builtin ? record.def : undefined,
      generation: (record?.generation ?? 0) + 1,
      baseDir: this.deps.baseDir,
    });
  }

  /** Config issues a candidate config would cause for the plugins it enables (for edits). */
  async check(
    root: JsonObject,
    ids: Iterable<string>,
  ): Promise<{ prepared: Map<string, PreparedPlugin>; issues: ConfigIssue[] }> {
    const prepared = new Map<string, PreparedPlugin>();
    const issues: ConfigIssue[] = [];
    for (const id of ids) {
      try {
        prepared.set(id, await this.prepare(id, root));
      } catch (err) {
        const e = err as GatewayError;
        issues.push({ severity: 'error', path: `plugins.entries.${id}`, message: e.message, owner: id });
      }
    }
    return { prepared, issues };
  }

  /** Bring every plugin to what `root` wants. Failures are isolated: recorded, logged, reported. */
  async startAll(root: JsonObject): Promise<void> {
    this.rootConfig = root;
    for (const [id, want] of this.desired(root)) {
      const record = this.ensureRecord(id, want.builtin, want.entry?.from);
      record.enabled = want.enabled;
      if (!want.enabled) continue;
      await this.serialized(() => this.loadOrReload(id, root));
    }
  }

  /** Execute the plugin part of a reload plan (after the config was validated). */
  async apply(
    root: JsonObject,
    actions: ReadonlyMap<string, PluginAction>,
    prepared: ReadonlyMap<string, PreparedPlugin> = new Map(),
  ): Promise<void> {
    this.rootConfig = root;
    const want = this.desired(root);
    for (const [id, action] of actions) {
      const w = want.get(id);
      const record = this.ensureRecord(id, w?.builtin, w?.entry?.from);
      record.enabled = action !== 'unload';
      if (action === 'unload') await this.serialized(() => this.unload(id, 'disabled in config'));
      else await this.serialized(() => this.loadOrReload(id, root, prepared.get(id)));
    }
  }

  /** `plugins.reload {id}`: rebuild with the same config. */
  async reload(id: string): Promise<PluginStatus> {
    const record = this.records.get(id);
    if (!record) throw kernelError('GW_ERR_NOT_FOUND', `no plugin "${id}" (plugins.list shows the known ids)`);
    if (!record.enabled)
      throw kernelError(
        'GW_ERR_NOT_FOUND',
        `plugin ${id} is disabled; enable it in plugins.entries.${id}.enabled first`,
      );
    await this.serialized(() => this.loadOrReload(id, this.rootConfig));
    const status = this.status(id)!;
    if (status.state === 'failed')
      throw new GatewayError(
        status.lastError?.code ?? 'GW_ERR_PLUGIN_REGISTER',
        status.lastError?.message ?? `plugin ${id} failed to reload`,
        status.lastError?.pluginErrorCode ? { details: { pluginErrorCode: status.lastError.pluginErrorCode } } : {},
      );
    return status;
  }

  /** Stop everything (restart/shutdown): drain each, bounded, in reverse load order. */
  async unloadAll(reason: string): Promise<void> {
    const ids = [...this.records.values()]
      .filter((r) => r.current)
      .map((r) => r.id)
      .reverse();
    await Promise.all(ids.map((id) => this.serialized(() => this.unload(id, reason))));
    await Promise.allSettled([...this.retiring]);
  }

  /** Every plugin's config schema (builtins loaded on demand), for config.schema and the CLI. */
  async schemaParts(): Promise<Array<{ id: string; keys: string[]; schema: unknown; loaded: boolean }>> {
    const out: Array<{ id: string; keys: string[]; schema: unknown; loaded: boolean }> = [];
    for (const r of this.records.values()) {
      let def = r.def;
      if (!def && r.builtin) {
        try {
          def = await r.builtin.load();
        } catch {
          continue;
        }
      }
      if (def) out.push({ id: r.id, keys: configKeys(def), schema: def.configSchema, loaded: Boolean(r.current) });
    }
    return out;
  }

  /** Before a restart: run every generation's drain hooks and wait for its work (bounded). */
  async drainAll(): Promise<void> {
    const gens = [...this.records.values()].flatMap((r) => (r.current ? [r.current] : []));
    await Promise.all(gens.map((g) => g.drain(this.deps.drainTimeoutMs)));
  }

  current(id: string): PluginGeneration | undefined {
    return this.records.get(id)?.current;
  }

  status(id: string): PluginStatus | undefined {
    const r = this.records.get(id);
    if (!r) return undefined;
    const gen = r.current;
    return {
      id: r.id,
      source: r.builtin ? 'builtin' : 'external',
      from: r.from,
      enabled: r.enabled,
      state: r.state,
      version: r.def?.version,
      generation: gen?.number ?? r.generation,
      configKeys: r.def ? configKeys(r.def) : [],
      lastError: r.lastError,
      loadedAt: r.loadedAt,
      loadMs: r.loadMs,
      ...perKind((kind) => (gen ? kind.view(gen.entries(kind)) : [])),
    };
  }

  /** What `owner` holds in the live tables, per kind (leak checks after unload). */
  registeredBy(owner: string): Record<string, string[]> {
    const t = this.tables();
    return perKind((kind) => kind.held(t, owner));
  }

  list(): PluginStatus[] {
    return [...this.records.keys()].sort().map((id) => this.status(id)!);
  }

  /**
   * Every plugin's state, in id order, without the name lists `list()` builds: `status` and
   * `health` read only these fields, and building the lists was most of their cost per call.
   */
  summaries(): PluginSummary[] {
    const out: PluginSummary[] = [];
    for (const id of [...this.records.keys()].sort()) {
      const r = this.records.get(id)!;
      out.push({
        id: r.id,
        version: r.def?.version,
        state: r.state,
        enabled: r.enabled,
        generation: r.current?.number ?? r.generation,
        lastError: r.lastError,
      });
    }
    return out;
  }

  /** Drain work in progress (generations retiring in the background). */
  async settle(): Promise<void> {
    await this.queue;
    await Promise.allSettled([...this.retiring]);
  }

  /** A live generation registered or disposed something of `kind`: check it and swap that kind in. */
  commitLate(gen: PluginGeneration, kind: RegistrationKind<any>): void {
    if (this.records.get(gen.id)?.current !== gen) return;
    const t = this.tables();
    const entries = gen.entries(kind);
    const clash = kind.conflicts(t, gen.id, entries);
    if (clash.length)
      throw conflictError(
        gen.id,
        clash.map((k) => `${kind.noun} ${k}`),
      );
    kind.commit(t, gen.id, entries);
    this.deps.onChange();
  }

  private ensureRecord(id: string, builtin?: BuiltinPlugin, from?: string): PluginRecord {
    let r = this.records.get(id);
    if (!r) {
      r = { id, builtin, from, enabled: false, state: 'disabled', generation: 0 };
      this.records.set(id, r);
    }
    r.from = from;
    return r;
  }

  /** Plugin operations run one at a time so two reloads of one plugin never interleave. */
  private serialized<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async loadOrReload(id: string, root: JsonObject, prepared?: PreparedPlugin): Promise<void> {
    const record = this.records.get(id)!;
    const started = performance.now();
    if (!record.current) record.state = 'loading';
    let gen: PluginGeneration | undefined;
    try {
      const p = prepared ?? (await this.prepare(id, root));
      record.def = p.def;
      const number = record.generation + 1;
      record.generation = number;
      gen = new PluginGeneration(p.def, number, p.config, {
        runtime: this.deps.runtime,
        registries: this.deps.registries,
        db: this.deps.db,
        logger: this.deps.logger,
        rootConfig: root,
        requestRestart: this.deps.requestRestart,
        onLateRegistration: (g, kind) => this.commitLate(g, kind),
      });
      await gen.build(this.deps.registerTimeoutMs ?? 30_000);
      this.checkConflicts(gen);
    } catch (err) {
      // A plugin's own coded error keeps its code in the report (message and pluginErrorCode).
      const own = err instanceof GatewayError ? undefined : pluginErrorCode(err);
      const e =
        err instanceof GatewayError
          ? err
          : kernelError(
              'GW_ERR_PLUGIN_REGISTER',
              `plugin ${id}: register failed: ${own ? `${own}: ` : ''}${(err as Error).message}`,
              { cause: err, ...(own ? { details: { pluginErrorCode: own } } : {}) },
            );
      record.lastError = { code: e.code, message: e.message, at: Date.now(), ...(own ? { pluginErrorCode: own } : {}) };
      // A failed reload keeps the running generation (the transaction rolls back).
      record.state = record.current ? 'active' : 'failed';
      this.deps.logger.error(
        { plugin: id, code: e.code, err: e.cause instanceof Error ? e.cause : undefined },
        e.message,
      );
      if (gen) void gen.close();
      this.deps.runtime().metrics.pluginBuilt(id, false, (performance.now() - started) / 1000);
      this.deps.onChange();
      return;
    }
    const old = record.current;
    this.commit(gen);
    gen.live = true;
    record.current = gen;
    record.state = 'active';
    record.lastError = undefined;
    record.loadedAt = Date.now();
    record.loadMs = Math.round((performance.now() - started) * 100) / 100;
    this.deps.runtime().metrics.pluginBuilt(id, true, record.loadMs / 1000);
    gen.logger.info({ loadMs: record.loadMs, reload: Boolean(old) }, old ? 'plugin reloaded' : 'plugin loaded');
    this.deps.onChange();
    if (old) {
      old.live = false;
      this.retire(old, 'replaced by a new generation');
    }
  }

  private async unload(id: string, reason: string): Promise<void> {
    const record = this.records.get(id);
    if (!record?.current) {
      if (record) record.state = 'disabled';
      return;
    }
    const old = record.current;
    record.current = undefined;
    record.state = 'disabled';
    old.live = false;
    this.withdraw(id);
    this.deps.onChange();
    old.logger.info({ reason }, 'plugin unloaded');
    void this.retire(old, reason);
  }

  private tables(): HostTables {
    const rt = this.deps.runtime();
    return { methods: rt.methods, events: rt.broadcaster, routes: this.deps.routes, owned: this.deps.registries };
  }

  /** Every kind's conflict rule, before anything of the new generation becomes visible. */
  private checkConflicts(gen: PluginGeneration): void {
    const t = this.tables();
    const clash = REGISTRATION_KINDS.flatMap((kind) =>
      kind.conflicts(t, gen.id, gen.entries(kind)).map((k) => `${kind.noun} ${k}`),
    );
    if (clash.length) throw conflictError(gen.id, clash);
  }

  /** The swap: one synchronous step over every kind's table. */
  private commit(gen: PluginGeneration): void {
    const t = this.tables();
    for (const kind of REGISTRATION_KINDS) kind.commit(t, gen.id, gen.entries(kind));
  }

  /** Unload: the owner's entries leave every live table at once (its lease ends after draining). */
  private withdraw(id: string): void {
    const t = this.tables();
    for (const kind of REGISTRATION_KINDS) kind.commit(t, id, []);
  }

  /** Retired generations of a plugin (the last 20 kept), for tests that assert nothing is left. */
  retiredGenerations(id: string): PluginGeneration[] {
    return this.retired.filter((g) => g.id === id);
  }

  private retire(gen: PluginGeneration, reason: string): Promise<void> {
    this.retired.push(gen);
    if (this.retired.length > 20) this.retired.shift();
    const work = (async () => {
      const drained = await gen.drain(this.deps.drainTimeoutMs);
      if (!drained)
        gen.logger.warn({ inflight: gen.inflight, reason }, 'drain deadline passed; closing with work in flight');
      await gen.close();
      gen.logger.debug({ reason }, 'generation closed');
    })();
    this.retiring.add(work);
    void work.finally(() => this.retiring.delete(work));
    return work;
  }
}

function conflictError(id: string, clash: string[]): GatewayError {
  return kernelError(
    'GW_ERR_PLUGIN_ROUTE_CONFLICT',
    `plugin ${id}: ${clash.join(', ')} already registered by another plugin`,
  );
}

/** The `GW_ERR_…` code of an error a plugin threw (a `PluginError`, from whichever copy of the SDK). */
function pluginErrorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return err instanceof Error && typeof code === 'string' && code.startsWith('GW_ERR_') ? code : undefined;
}
