import fs from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { ChannelAdapter } from '../../sdk/channel.js';
import type { InternalEventMap, PluginContext, ServiceName } from '../../sdk/context.js';
import type { PluginDefinition } from '../../sdk/define-plugin.js';
import type { AgentTool } from '../../sdk/tool.js';
import { type MethodEntry, MethodRegistry } from '../bus/method-registry.js';
import { kernelError } from '../errors.js';
import { installHttpGuard } from '../http/http-guard.js';
import type { KernelRuntime } from '../runtime.js';
import { migrate, type SqliteDatabase } from '../store/database.js';
import { GenerationLease } from './generation-lease.js';
import type { PluginRegistries } from './registries.js';
import type { PluginRoute } from './route-table.js';

export interface GenerationDeps {
  runtime: () => KernelRuntime;
  registries: PluginRegistries;
  db: SqliteDatabase;
  logger: Logger;
  rootConfig: Record<string, unknown>;
  requestRestart(reason: string, delayMs?: number): void;
  /** Make the staged registrations live (called when the plugin registers after activation). */
  onLateRegistration(gen: PluginGeneration): void;
}

/**
 * One load of a plugin: its own inner Fastify instance (never listens), its staged methods,
 * events, services, tools and channels, and its lease. Nothing is visible to clients until the
 * host swaps it in.
 */
export class PluginGeneration {
  readonly inner: FastifyInstance;
  readonly lease: GenerationLease;
  readonly logger: Logger;
  readonly methods = new Map<string, MethodEntry>();
  readonly events = new Set<string>();
  readonly services = new Map<string, unknown>();
  readonly tools = new Map<string, AgentTool>();
  readonly channels = new Map<string, ChannelAdapter>();
  readonly routes: PluginRoute[] = [];
  readonly drainHooks: Array<() => unknown | Promise<unknown>> = [];
  live = false;
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
    this.lease = new GenerationLease(def.id, this.logger);
    this.inner = Fastify({
      loggerInstance: this.logger as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: 2 * 1024 * 1024,
      requestTimeout: 0,
    });
    installHttpGuard(this.inner, deps.runtime);
    this.inner.addHook('onRoute', (route) => {
      const methods = Array.isArray(route.method) ? route.method : [route.method];
      for (const m of methods) {
        if (!this.routes.some((r) => r.method === m && r.url === route.url))
          this.routes.push({ method: m, url: route.url });
      }
    });
  }

  get id(): string {
    return this.def.id;
  }

  /** Run the plugin's `register` and ready the inner instance (bounded). */
  async build(timeoutMs: number): Promise<void> {
    const ctx = this.context();
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
    await this.lease.end();
    try {
      await this.inner.close();
    } catch (err) {
      this.logger.error({ err }, 'closing the plugin instance failed');
    }
  }

  private context(): PluginContext<unknown> {
    const gen = this;
    const { registries } = this.deps;
    const id = this.def.id;
    const declared = new Set(this.def.dependsOn ?? []);
    const rt = this.deps.runtime();
    const dataDir = path.join(rt.paths.stateDir, 'plugins', id);
    const late = () => {
      if (gen.live) gen.deps.onLateRegistration(gen);
    };
    const ctx: PluginContext<unknown> = {
      id,
      version: this.def.version,
      generation: this.number,
      config: this.config,
      logger: this.logger,
      paths: {
        stateDir: rt.paths.stateDir,
        get dataDir() {
          fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
          return dataDir;
        },
        configPath: rt.paths.configPath,
        workspaceDir: rt.paths.workspaceDir,
      },
      store: {
        db: this.deps.db,
        migrate: (migrations) => migrate(this.deps.db, `plugin:${id}`, migrations),
      },
      methods: {
        register(name, options) {
          gen.assertActive(`method ${name}`);
          if (gen.methods.has(name))
            throw kernelError('GW_ERR_METHOD_DUPLICATE', `plugin ${id} registered method ${name} twice`);
          gen.methods.set(name, MethodRegistry.entry(id, name, options));
          late();
        },
      },
      events: {
        declare(name) {
          gen.assertActive(`event ${name}`);
          gen.events.add(name);
          late();
        },
        emit(name, payload, options) {
          if (!gen.lease.active) return;
          gen.deps.runtime().broadcaster.broadcast(name, payload, options?.filter);
        },
        sendTo(connId, name, payload) {
          return gen.deps.runtime().broadcaster.sendTo(connId, name, payload);
        },
        on<K extends keyof InternalEventMap>(name: K, listener: (payload: InternalEventMap[K]) => void) {
          gen.assertActive(`listener ${String(name)}`);
          const safe = (payload: InternalEventMap[K]) => {
            try {
              listener(payload);
            } catch (err) {
              gen.logger.error({ err, event: name }, 'internal event listener failed');
            }
          };
          registries.internal.on(name, safe);
          gen.lease.defer(`listener ${String(name)}`, () => registries.internal.off(name, safe));
        },
      },
      services: {
        provide(name, impl) {
          gen.assertActive(`service ${String(name)}`);
          gen.services.set(String(name), impl);
          late();
        },
        get(name: ServiceName) {
          if (!declared.has(String(name)) && !gen.services.has(String(name))) {
            throw kernelError(
              'GW_ERR_SERVICE_UNDECLARED',
              `plugin ${id} looked up service "${String(name)}" without declaring it in dependsOn`,
            );
          }
          return (gen.services.get(String(name)) ?? registries.services.get(String(name))) as never;
        },
      },
      tools: {
        register(tool) {
          gen.assertActive(`tool ${tool.name}`);
          gen.tools.set(tool.name, tool);
          late();
        },
        list: () => registries.tools.values(),
        get: (name) => registries.tools.get(name),
      },
      channels: {
        register(adapter) {
          gen.assertActive(`channel ${adapter.id}`);
          gen.channels.set(adapter.id, adapter);
          late();
        },
        list: () => registries.channels.values(),
        get: (cid) => registries.channels.get(cid),
      },
      lease: this.lease,
      gateway: {
        version: rt.version,
        port: rt.hostPolicy.port,
        bind: rt.hostPolicy.bindHost,
        host: rt.hostPolicy.bindHost,
        startedAt: rt.startedAt,
        rootConfig: this.deps.rootConfig,
        requestRestart: (reason, delayMs) => this.deps.requestRestart(reason, delayMs),
      },
      onDrain(fn) {
        gen.drainHooks.push(fn);
      },
    };
    return ctx;
  }

  private assertActive(what: string): void {
    if (!this.lease.active)
      throw kernelError(
        'GW_ERR_LEASE_INACTIVE',
        `plugin ${this.def.id}: cannot register ${what} on a retired generation`,
      );
  }
}
