import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Database } from 'better-sqlite3';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { Static, TSchema } from 'typebox';
import type { ChannelAdapter } from './channel.js';
import type { ChatCommand } from './command.js';
import type { ConnectedClient, ConnectionDirectory, DeviceDirectory, PairingRequest } from './devices.js';
import type { MetricsRegistrar } from './metrics.js';
import type { AgentTool } from './tool.js';

/**
 * Undoes one registration. Every `ctx.*.register(...)` (and `provide`, `declare`, `on`, the
 * lease's `defer`/`interval`/`timeout`) returns one; the generation's lease also runs it when the
 * generation retires. Calling it again, or after the lease ended, does nothing.
 */
export type Disposer = () => void;

/** Operator scopes (PROTOCOL.md "Handshake" 6) plus `node` for capability hosts. */
export type Scope =
  | 'operator.read'
  | 'operator.write'
  | 'operator.admin'
  | 'operator.approvals'
  | 'operator.pairing'
  | 'node';

export type Role = 'operator' | 'node';

/** Who is calling a method: the authenticated connection's identity. */
export interface CallerInfo {
  connId: string;
  role: Role;
  scopes: readonly Scope[];
  clientId: string;
  clientMode: string;
  instanceId?: string;
  deviceId?: string;
  /** Remote address of the peer. */
  ip: string;
  isLoopback: boolean;
}

/** What a method handler receives beside its params. */
export interface MethodCall {
  caller: CallerInfo;
  /** Aborted when the caller disconnects or the generation that owns the method is retired. */
  signal: AbortSignal;
  /**
   * Send an early acknowledgement (a `res` frame with the same id) before the final response,
   * as the `agent` method does with `{runId, status:"accepted"}`. At most once.
   */
  accept(payload: unknown): void;
  /** Send an event to this caller only (no `seq`). */
  sendEvent(event: string, payload: unknown): void;
}

export interface MethodOptions<P extends TSchema> {
  /** Scope the caller must hold. `operator.admin` holds every operator scope. */
  scope: Scope;
  /** TypeBox schema of `params`; validated before the handler runs (INVALID_REQUEST otherwise). */
  params: P;
  /**
   * Side-effecting methods take an `idempotencyKey` param: a repeat within the dedupe window
   * returns the first result (and the first acknowledgement) and runs nothing new.
   */
  idempotent?: boolean;
  /** One-line description shown by `plugins.list` and in docs. */
  description?: string;
  handler(params: Static<P>, call: MethodCall): unknown | Promise<unknown>;
}

export interface MethodRegistrar {
  register<P extends TSchema>(name: string, options: MethodOptions<P>): Disposer;
}

export interface EmitOptions {
  /**
   * Only connections whose caller passes this filter get the event. Without one, every operator
   * gets it and nodes (role `node`) do not: pass a filter to reach nodes.
   */
  filter?: (caller: CallerInfo) => boolean;
}

/** Gateway-internal notifications that plugins may subscribe to (not wire events). */
export interface InternalEventMap {
  'system-event': { text: string; caller?: CallerInfo; [key: string]: unknown };
  'config-applied': { paths: string[] };
  /** A connection passed the handshake (after its hello-ok was sent). */
  'client-connected': ConnectedClient;
  /** An authenticated connection closed. */
  'client-disconnected': { connId: string; caller: CallerInfo };
  /** A device without credentials asked to be paired (a new request, or one that expired and came back). */
  'pairing-requested': PairingRequest;
  /** The set of registered chat commands changed (a plugin loaded, reloaded or unloaded). */
  'commands-changed': { names: string[] };
}

export interface EventBus {
  /** Declare a wire event name this plugin emits (listed in `hello-ok.features.events`). */
  declare(name: string): Disposer;
  /** Broadcast a wire event to every authenticated connection (gets a gateway-wide `seq`). */
  emit(name: string, payload: unknown, options?: EmitOptions): void;
  /** Send a wire event to one connection (no `seq`). Returns false when it is gone. */
  sendTo(connId: string, name: string, payload: unknown): boolean;
  /** Subscribe to a gateway-internal notification; unsubscribed when the generation retires. */
  on<K extends keyof InternalEventMap>(name: K, listener: (payload: InternalEventMap[K]) => void): Disposer;
}

/**
 * Services plugins provide to each other. Augment it by declaration merging so that
 * `ctx.services.get('agent')` is typed:
 * ```ts
 * declare module 'moltbot-gateway/sdk' { interface ServiceMap { agent: AgentService } }
 * ```
 */
export interface ServiceMap {}

export type ServiceName = keyof ServiceMap extends never ? string : keyof ServiceMap | (string & {});
export type ServiceOf<K> = K extends keyof ServiceMap ? ServiceMap[K] : unknown;

export interface ServiceRegistry {
  /** Provide a service under `name`; withdrawn when this generation retires. */
  provide<K extends ServiceName>(name: K, impl: ServiceOf<K>): Disposer;
  /**
   * The current provider of `name`, looked up at call time (a reloaded provider is seen at
   * once). Only services named in `dependsOn` are reachable; undefined when none is loaded.
   */
  get<K extends ServiceName>(name: K): ServiceOf<K> | undefined;
}

export interface ToolRegistrar {
  /** Register an agent tool; withdrawn when this generation retires. */
  register(tool: AgentTool): Disposer;
  /** Every tool registered by any loaded plugin, looked up at call time. */
  list(): AgentTool[];
  get(name: string): AgentTool | undefined;
}

export interface ChannelRegistrar {
  /** Register a channel adapter; withdrawn when this generation retires. */
  register(adapter: ChannelAdapter): Disposer;
  /** Every registered channel adapter, looked up at call time. */
  list(): ChannelAdapter[];
  get(id: string): ChannelAdapter | undefined;
}

export interface CommandRegistrar {
  /** Register a chat command (`/name` in a chat channel); withdrawn when this generation retires. */
  register(command: ChatCommand): Disposer;
  /** Every chat command registered by any loaded plugin, looked up at call time (sorted by name). */
  list(): ChatCommand[];
  /** The command called `name` (case-insensitive, with or without the leading `/`). */
  get(name: string): ChatCommand | undefined;
}

/**
 * What a plugin adds to the `health` snapshot (PROTOCOL.md HealthSnapshot): `read()` is called
 * each time the snapshot is built (every 5 s and on every change), so keep it cheap and
 * synchronous. A throwing `read` shows as `{error}` under its key.
 */
export interface HealthReporter {
  /** Put `read()` under `health[key]` (e.g. `sessions` → `{count}`); one plugin per key. */
  report(key: string, read: () => unknown): Disposer;
}

/** What a plugin adds to the `status` summary (same rules as `HealthReporter`). */
export interface StatusSections {
  /**
   * Put `read()` under `status[key]`; a dotted key nests (`errors.deadLetters`). Keys the kernel
   * fills itself (version, port, plugins, errors.config, …) are refused.
   */
  section(key: string, read: () => unknown): Disposer;
}

/** A generation's lease: everything it started ends with it (Cordis-style effects). */
export interface Lease {
  /** Aborted when the generation is retired (after draining) or fails. */
  readonly signal: AbortSignal;
  readonly active: boolean;
  /** Record a disposer; disposers run in reverse order when the lease ends. Throws once retired. */
  defer(label: string, dispose: () => unknown | Promise<unknown>): Disposer;
  /** setInterval that is cleared with the lease (or by the returned disposer). */
  interval(label: string, ms: number, fn: () => void): Disposer;
  /** setTimeout that is cleared with the lease (or by the returned disposer). */
  timeout(label: string, ms: number, fn: () => void): Disposer;
  /** Track in-flight work (an agent run, a delivery) that draining waits for. */
  track<T>(work: Promise<T>): Promise<T>;
}

export interface PluginPaths {
  /** The gateway's state dir (`~/.clawdbot`). */
  stateDir: string;
  /** This plugin's own folder under the state dir (created on first use, mode 0700). */
  dataDir: string;
  /** The config file's path. */
  configPath: string;
  /** The agent workspace (`~/clawd`). */
  workspaceDir: string;
}

export interface PluginStore {
  /** The embedded SQLite database (better-sqlite3), shared by every plugin. */
  readonly db: Database;
  /**
   * Apply this plugin's schema migrations in order, once each (tracked per plugin id).
   * Use table names prefixed with your plugin id.
   *
   * `set` names a separate list (tracked as `<id>/<set>`) for a part of the plugin that keeps
   * tables of its own, so its steps never collide with the plugin's main list.
   */
  migrate(migrations: readonly string[], options?: { set?: string }): void;
}

/** What `checkCredential` needs of a request: its headers and peer (a Fastify or Node request). */
export interface CredentialRequest {
  headers: IncomingHttpHeaders;
  socket: { remoteAddress?: string };
}

export type CredentialCheck =
  | { ok: true }
  | { ok: false; status: 401 | 429; code: 'UNAUTHORIZED' | 'RATE_LIMITED'; message: string; retryAfterMs?: number };

/**
 * Authentication for HTTP routes that take a secret of their own (webhooks), counted by the
 * gateway's failure limiter so a guessed hook token is throttled like a guessed gateway token.
 */
export interface PluginAuth {
  /**
   * `presented`: the credential the client sent (undefined when none); `verify` compares it in
   * constant time. A wrong credential counts as a failure for the client's address (a missing
   * one is just 401); an address over the limit gets 429 with `retryAfterMs` before `verify` runs.
   */
  checkCredential(
    req: CredentialRequest,
    options: { presented: string | undefined; verify(presented: string): boolean },
  ): CredentialCheck;
  /** Whether `candidate` equals the gateway's own token or password (constant time). */
  isGatewaySecret(candidate: string): boolean;
  /**
   * A secret derived from the gateway's (HMAC-SHA256 keyed by it, hex) for one purpose, e.g. a
   * relay token or a token signing key: stable across restarts, changes when the gateway
   * secret changes, and reveals nothing of it.
   */
  derivedSecret(purpose: string): string;
}

/** How a client reached the gateway, for hello-ok fields that name an address (PROTOCOL.md "Handshake" 4). */
export interface HelloClient {
  /** The WebSocket upgrade's Host header (the name the client dialled), when it sent one. */
  host?: string;
  ip: string;
  isLoopback: boolean;
}

/** Top-level hello-ok fields a plugin may contribute. */
export interface HelloFields {
  /** Base URL of the canvas file server (`http://<host>:<canvasHost.port>`). */
  canvasHostUrl: string;
}

export interface HelloRegistrar {
  /**
   * Contribute a hello-ok field, computed for each connecting client (undefined leaves it out).
   * One plugin per field; withdrawn when this generation retires (or by the disposer).
   */
  contribute<K extends keyof HelloFields>(
    field: K,
    value: (client: HelloClient) => HelloFields[K] | undefined,
  ): Disposer;
}

/** A listener of a plugin's own: another port than the gateway's (PROTOCOL.md "Other ports"). */
export interface ListenerSpec {
  /** Names it in logs and errors, e.g. `canvas host`. */
  label: string;
  host: string;
  port: number;
  /**
   * Register the listener's routes on its own Fastify instance. It gets the gateway port's
   * preamble: a Host check against this listener's address (DNS rebinding), an Origin check on
   * state-changing requests, and bearer auth with the gateway secret for every route that does
   * not say `config: { auth: false }`.
   */
  routes(app: PluginApp): void | Promise<void>;
  /**
   * `gateway` (default): bearer auth with the gateway secret as described above. `plugin`: no
   * route gets the bearer check (Host and Origin are still checked); the plugin authenticates
   * each request itself, e.g. with `ctx.auth.checkCredential` in an `onRequest` hook.
   */
  auth?: 'gateway' | 'plugin';
  /**
   * WebSocket upgrades (the Host header is already checked). Authenticate, then complete the
   * upgrade (e.g. `ws`'s `handleUpgrade`); to refuse, throw a coded error (`PluginError`): the
   * kernel answers with its status and the gateway's error body, as on HTTP. Sockets still open
   * when the generation retires are destroyed.
   */
  upgrade?(req: IncomingMessage, socket: Duplex, head: Buffer): void;
}

export interface OpenListener {
  readonly host: string;
  readonly port: number;
  /** `http://<host>:<port>` */
  readonly url: string;
}

export interface ListenerRegistrar {
  /**
   * Listen on `host:port`. On reload the bound socket passes to the next generation of this
   * plugin when it asks for the same address (no moment where the port is closed or doubly
   * bound); it is closed once no generation holds it, so after unload the port is free.
   * A port another process holds fails `register` with GW_ERR_PLUGIN_PORT_IN_USE.
   */
  open(spec: ListenerSpec): Promise<OpenListener>;
}

/** Facts about the running gateway that plugins may read. */
export interface GatewayInfo {
  version: string;
  /** The newest protocol version the gateway speaks (hello-ok `protocol` for an up-to-date client). */
  protocol: number;
  /** The port it listens on (the OS's pick once listening when it was asked for 0). */
  port: number;
  /**
   * The port the gateway was asked for: 0 when the OS picks one (tests, `--port 0`). A port a
   * plugin derives from the gateway's (canvas + 4, browser + 2/+3) is then any free port too, on
   * every reload — `port` is known by then, but counting from it would land on others' ports.
   */
  requestedPort: number;
  bind: string;
  host: string;
  startedAt: number;
  /** The whole validated config (read-only). Prefer `ctx.config` for your own subtree. */
  readonly rootConfig: Readonly<Record<string, unknown>>;
  /** Ask the kernel for an in-process restart (drains agent runs first). */
  requestRestart(reason: string, delayMs?: number): void;
  /**
   * A `moltbot …` command line for a hint in a log line or an error, spelled so it runs where the
   * gateway was started (`moltbot`, `npx moltbot` or `node …/moltbot.js`, with its profile flag).
   */
  cliCommand(args: string): string;
}

export interface PluginContext<C> {
  readonly id: string;
  readonly version: string;
  readonly generation: number;
  /** The validated (defaults applied) config subtree this plugin owns. */
  readonly config: C;
  readonly logger: Logger;
  readonly paths: PluginPaths;
  readonly store: PluginStore;
  readonly methods: MethodRegistrar;
  readonly events: EventBus;
  readonly services: ServiceRegistry;
  readonly tools: ToolRegistrar;
  readonly channels: ChannelRegistrar;
  readonly commands: CommandRegistrar;
  readonly health: HealthReporter;
  readonly status: StatusSections;
  /** Prometheus metrics (`GET /metrics`), withdrawn when the generation retires. */
  readonly metrics: MetricsRegistrar;
  readonly lease: Lease;
  readonly gateway: GatewayInfo;
  readonly auth: PluginAuth;
  readonly listeners: ListenerRegistrar;
  readonly hello: HelloRegistrar;
  /** Pairing requests and paired devices (the kernel's device registry). */
  readonly devices: DeviceDirectory;
  /** The authenticated connections and what each declared in its connect. */
  readonly connections: ConnectionDirectory;
  /** Called when the generation starts draining; the returned promise delays its close (bounded). */
  onDrain(fn: () => unknown | Promise<unknown>): Disposer;
}

export type PluginApp = FastifyInstance;
