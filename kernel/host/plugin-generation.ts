import type { IncomingMessage, ServerResponse } from 'node:http';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { Disposer } from '../../sdk/context.js';
import type { PluginDefinition } from '../../sdk/define-plugin.js';
import { kernelError } from '../errors.js';
import { installHttpGuard } from '../http/http-guard.js';
import type { KernelRuntime } from '../runtime.js';
import type { SqliteDatabase } from '../store/database.js';
import { GenerationLease } from './generation-lease.js';
import { createPluginContext } from './plugin-context.js';
import { KIND, type RegistrationKind } from './registrations.js';
import type { PluginRegistries } from './registries.js';

export interface GenerationDeps {
  runtime: () => KernelRuntime;
  registries: PluginRegistries;
  db: SqliteDatabase;
  logger: Logger;
  rootConfig: Record<string, unknown>;
  requestRestart(reason: string, delayMs?: number): void;
  /**
   * A live generation's entries of `kind` changed (registered or disposed after it was swapped
   * in): check and swap that kind in now. Throws on a conflict.
   */
  onLateRegistration(gen: PluginGeneration, kind: RegistrationKind<any>): void;
}

/**
 * One load of a plugin: its own inner Fastify instance (never listens), what it registered
 * (staged per kind, see registrations.ts) and its lease. Nothing is visible to clients until the
 * host swaps it in. Every registration is an effect on the lease: its disposer takes the entry
 * out of this generation (and, while it is live, out of the live table).
 */
export class PluginGeneration {
  readonly inner: FastifyInstance;
  readonly lease: GenerationLease;
  readonly logger: Logger;
  readonly drainHooks: Array<() => unknown | Promise<unknown>> = [];
  /** True while its entries are the live ones (between swap-in and swap-out). */
  live = false;
  private readonly staged = new Map<string, Map<string, unknown>>();
  private inflightHttp = 0;
  private hooksRun?: Promise<unknown>;
  private readonly idleWaiters: Array<() => void> = [];

  constructor(
    readonly def: PluginDefinition,
    readonly number: number,
    readonly config: unknown,
    private readonly deps: GenerationDeps,
  ) {
    this.logger = deps.logger.child({ plugin: def.id, version: def.version, generation: number });
    this.lease = new GenerationLease(`plugin ${def.id}`, this.logger);
    this.inner = Fastify({
      loggerInstance: this.logger as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: 2 * 1024 * 1024,
      requestTimeout: 0,
    });
    installHttpGuard(this.inner, deps.runtime);
    this.inner.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      // Read at refusal time: a later onRoute hook (the plugin's useErrorBody) may still set it.
      for (const method of methods)
        this.stage(KIND.routes, {
          method,
          url: route.url,
          get errorBody() {
            return route.config?.errorBody;
          },
        });
    });
  }

  get id(): string {
    return this.def.id;
  }

  /** This generation's entries of one kind, in registration order. */
  entries<E>(kind: RegistrationKind<E>): E[] {
    return [...((this.staged.get(kind.name)?.values() ?? []) as Iterable<E>)];
  }

  /** One staged entry by key (a plugin sees its own services before they are live). */
  entry<E>(kind: RegistrationKind<E>, key: string): E | undefined {
    return this.staged.get(kind.name)?.get(key) as E | undefined;
  }

  /** How many entries of every kind are still staged (zero once the lease has ended). */
  get stagedCount(): number {
    let n = 0;
    for (const m of this.staged.values()) n += m.size;
    return n;
  }

  /**
   * Record one registration: checked, staged, swapped in at once when the generation is already
   * live, and undone by the returned disposer (also run when the lease ends).
   */
  stage<E>(kind: RegistrationKind<E>, entry: E): Disposer {
    this.lease.assertActive(kind.noun);
    kind.check?.(entry);
    const key = kind.key(entry);
    let table = this.staged.get(kind.name) as Map<string, E> | undefined;
    if (!table) this.staged.set(kind.name, (table = new Map<string, E>()) as Map<string, unknown>);
    const previous = table.get(key);
    if (previous !== undefined && kind.twice === 'refuse')
      throw kernelError(
        kind === KIND.methods ? 'GW_ERR_METHOD_DUPLICATE' : 'GW_ERR_REGISTRATION_INVALID',
        `plugin ${this.id} registered ${kind.noun} ${key} twice`,
      );
    table.set(key, entry);
    if (this.live) {
      try {
        this.deps.onLateRegistration(this, kind);
      } catch (err) {
        if (previous === undefined) table.delete(key);
        else table.set(key, previous);
        throw err;
      }
    }
    return this.lease.defer(`${kind.noun} ${key}`, () => this.unstage(kind, key, entry));
  }

  private unstage<E>(kind: RegistrationKind<E>, key: string, entry: E): void {
    const table = this.staged.get(kind.name);
    // A later registration under the same key replaced this one: its own disposer owns it now.
    if (table?.get(key) !== entry) return;
    table.delete(key);
    if (this.live) this.deps.onLateRegistration(this, kind);
  }

  /** Run the plugin's `register` and ready the inner instance (bounded). */
  async build(timeoutMs: number): Promise<void> {
    const ctx = createPluginContext(this, this.deps);
    this.inner.register(async (app) => {
      await this.def.register(app, ctx);
    });
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.inner.ready(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error(`register did not finish within ${timeoutMs} ms`)), timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Serve one HTTP request; counted so draining can wait for it (SSE included). */
  serve(req: IncomingMessage, res: ServerResponse): void {
    this.inflightHttp++;
    res.once('close', () => {
      this.inflightHttp--;
      if (this.inflightHttp === 0) for (const w of this.idleWaiters.splice(0)) w();
    });
    this.inner.routing(req, res);
  }

  get inflight(): number {
    return this.inflightHttp + this.lease.inflightCount;
  }

  /** Wait for in-flight HTTP requests and tracked work, or the deadline. */
  async drain(deadlineMs: number): Promise<boolean> {
    // Drain hooks run once per generation, even when a restart drains before unloading.
    const hooks = (this.hooksRun ??= Promise.allSettled(this.drainHooks.map(async (fn) => fn())));
    const http =
      this.inflightHttp === 0 ? Promise.resolve() : new Promise<void>((resolve) => this.idleWaiters.push(resolve));
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), deadlineMs);
    });
    const done = Promise.all([hooks, http, this.lease.settled()]).then(() => true as const);
    const result = await Promise.race([done, deadline]);
    clearTimeout(timer);
    return result;
  }

  /** End the lease (disposers in reverse order) and close the inner instance. */
  async close(): Promise<void> {
    this.live = false;
    await this.lease.end();
    try {
      await this.inner.close();
    } catch (err) {
      this.logger.error({ err }, 'closing the plugin instance failed');
    }
  }
}
