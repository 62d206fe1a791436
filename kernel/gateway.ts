import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { HelloClient } from '../sdk/context.js';
import { DeviceRegistry } from './auth/device-registry.js';
import { loadOrCreateDeviceTokenKey } from './auth/device-token-key.js';
import { FailureLimiter } from './auth/failure-limiter.js';
import { PairingRequests, type PairingSettings } from './auth/pairing-requests.js';
import type { HostPolicy } from './auth/request-guard.js';
import { type ResolvedAuth, resolveAuth } from './auth/shared-secret.js';
import { SignatureReplayGuard } from './auth/signature-replay.js';
import { TailscaleVerifier } from './auth/tailscale-verifier.js';
import { createWhoisLookup, tailscaledSocketPath } from './auth/tailscale-whois.js';
import { readBootConfig } from './boot-config.js';
import { ensureGatewaySecret, loadTls, resolveBootSettings } from './boot-settings.js';
import { Broadcaster } from './bus/broadcaster.js';
import { IdempotencyCache } from './bus/idempotency-cache.js';
import { MethodRegistry } from './bus/method-registry.js';
import { PresenceTable } from './bus/presence.js';
import { PresenceAnnouncer } from './bus/presence-announcer.js';
import { type ActivityClock, TurnMemo } from './bus/turn-memo.js';
import { ConfigController, type ConfigErrorReport } from './config/config-controller.js';
import { type RawConfig, readConfigFile, removeOrphanTempFiles } from './config/config-file.js';
import type { KernelConfig } from './config/kernel-schema.js';
import type { ClientConnection } from './connection/client-connection.js';
import { registerWsEndpoint } from './connection/ws-endpoint.js';
import { buildHealthSnapshot } from './health.js';
import { HealthPublisher } from './health-publisher.js';
import { PluginHost } from './host/plugin-host.js';
import type { HelloFieldEntry } from './host/registrations.js';
import { PluginRegistries } from './host/registries.js';
import type { BuiltinPlugin } from './host/resolve-plugin.js';
import { RouteTable } from './host/route-table.js';
import { listenOn } from './listen.js';
import { registerCoreMethods } from './methods/register-core-methods.js';
import { GatewayMetrics } from './metrics/gateway-metrics.js';
import { registerMetricsEndpoint } from './metrics/metrics-endpoint.js';
import type { MetricEntry } from './metrics/plugin-metrics.js';
import type { GatewayPaths } from './paths.js';
import { CloseCode, DEFAULT_TICK_INTERVAL_MS, HANDSHAKE_TIMEOUT_MS } from './protocol/frames.js';
import { SerializedPayload } from './protocol/serialized-payload.js';
import { controlUiBasePath, hasChatChannel, hasModelProvider, readyBlock } from './ready-block.js';
import type { KernelRuntime, SessionDefaults } from './runtime.js';
import { createOuterServer } from './server.js';
import { StatusSerializer, statusSections } from './status-summary.js';
import { openDatabase, type SqliteDatabase, setDurability } from './store/database.js';

/** Core wire events the kernel itself emits. */
export const CORE_EVENTS = ['connect.challenge', 'tick', 'presence', 'health', 'shutdown', 'config'] as const;

export interface GatewayFlags {
  port?: number;
  bind?: string;
  token?: string;
  verbose?: boolean;
  force?: boolean;
  allowUnconfigured?: boolean;
}

export interface GatewayOptions {
  paths: GatewayPaths;
  flags: GatewayFlags;
  env: NodeJS.ProcessEnv;
  version: string;
  builtins: readonly BuiltinPlugin[];
  logger: Logger;
  /** Print a user-facing line (the CLI's stdout). */
  announce(line: string): void;
}

/**
 * The running gateway: one start builds a runtime (auth, socket, tables, plugins); an
 * in-process restart tears it down and builds it again in the same process.
 */
export class Gateway {
  private runtime?: KernelRuntime & { acceptingWork: boolean };
  private app?: FastifyInstance;
  private server?: http.Server;
  private db?: SqliteDatabase;
  private host?: PluginHost;
  private config?: ConfigController;
  private registries?: PluginRegistries;
  private readonly connections = new Set<ClientConnection>();
  private readonly publisher = new HealthPublisher(
    () => this.runtime,
    () => this.healthSnapshot(),
  );
  private restarting?: Promise<void>;
  /** A restart asked for while one was finishing (see restart()). */
  private restartAgain?: string;
  private stopping?: Promise<void>;
  private restartTimer?: NodeJS.Timeout;
  private readonly processStartedAt = Date.now();
  private announcedReady = false;
  private readonly statusSerializer = new StatusSerializer();
  /** `status` requests of one socket read share one summary (per runtime's activity clock). */
  private statusMemo?: { clock: ActivityClock; memo: TurnMemo<string> };
  /** Lives for the process: an in-process restart must not hand a guesser a fresh budget. */
  private readonly limiter = new FailureLimiter();
  /** Also for the process: counters survive in-process restarts, as Prometheus expects. */
  private readonly metrics = new GatewayMetrics();
  private metricsEnabled = false;
  /** Lives for the process too: a restart must not make a used signature usable again. */
  private readonly signatures = new SignatureReplayGuard();
  port = 0;
  bindHost = '127.0.0.1';

  constructor(private readonly options: GatewayOptions) {}

  get logger(): Logger {
    return this.options.logger;
  }

  async start(): Promise<void> {
    const { paths, flags, env, logger } = this.options;
    fs.mkdirSync(paths.stateDir, { recursive: true, mode: 0o700 });
    const orphans = removeOrphanTempFiles(paths.configPath);
    if (orphans.length)
      logger.warn({ files: orphans }, `removed ${orphans.length} temp file(s) of interrupted config writes`);
    const booted = readBootConfig(paths.configPath, flags.allowUnconfigured === true, paths.profile);
    const kc = booted as KernelConfig;
    if (kc.logging?.level && !flags.verbose) logger.level = kc.logging.level;
    const settings = resolveBootSettings({ config: booted, env, paths, flags });
    const tls = loadTls(settings.tls);
    this.port = settings.port;
    this.bindHost = settings.bindHost!;
    const { auth, root } = ensureGatewaySecret(settings, booted, paths.configPath, logger);

    this.db = openDatabase(paths.databasePath, kc.store?.durability ?? 'process');
    const rt = this.buildRuntime(root, auth);
    this.runtime = rt;
    const routes = this.buildPluginHost(root, rt, auth, new RouteTable());
    const gwc = (root.gateway ?? {}) as NonNullable<KernelConfig['gateway']>;
    const { app, server } = await createOuterServer({
      logger,
      routes,
      tls,
      requestTimeoutMs: gwc.requestTimeoutMs ?? 30_000,
      generationOf: (owner) => this.host?.current(owner),
    });
    this.app = app;
    this.server = server;
    registerWsEndpoint(app, () => this.runtime!, this.connections);
    this.wireMetrics(app, gwc);

    await this.host!.startAll(root);
    await app.ready();
    this.port = await listenOn(app, server, {
      port: this.port,
      host: this.bindHost,
      force: flags.force === true,
      logger,
      profile: paths.profile,
    });
    rt.hostPolicy.port = this.port;
    rt.acceptingWork = true;
    this.publisher.start();
    await this.config!.watch();
    this.announceListening(tls !== undefined, auth, root);
  }

  /** `gateway.metrics.enabled`: whether `GET /metrics` answers (and, once on, process metrics run). */
  private switchMetrics(on: boolean): void {
    this.metricsEnabled = on;
    if (on) this.metrics.collectProcessMetrics();
  }

  /** `GET /metrics` and what it reads: this start's connections, plugins and limiter. */
  private wireMetrics(app: FastifyInstance, gwc: NonNullable<KernelConfig['gateway']>): void {
    registerMetricsEndpoint(
      app,
      () => this.runtime!,
      () => this.metricsEnabled,
    );
    this.switchMetrics(gwc.metrics?.enabled === true);
    // Failure-limiter keys are `<realm>|<bucket>`: metrics count by realm (gateway, plugin:<id>).
    const realmOf = (key: string) => key.slice(0, Math.max(0, key.indexOf('|'))) || 'gateway';
    this.limiter.observer = {
      failed: (key) => this.metrics.authFailed(realmOf(key)),
      limited: (key) => this.metrics.authWasLimited(realmOf(key)),
    };
    this.metrics.bind({
      openConnections: () => this.connections.size,
      bufferedBytes: () => {
        let sum = 0;
        for (const c of this.connections) sum += c.socket.bufferedAmount;
        return sum;
      },
      plugins: () => this.host?.list().map((p) => ({ id: p.id, generation: p.generation, state: p.state })) ?? [],
      pluginMetrics: () => this.registries?.table<MetricEntry>('metrics').values() ?? [],
    });
  }

  /** The plugin host, the config controller and the core methods of one start, wired together. */
  private buildPluginHost(root: RawConfig, rt: KernelRuntime, auth: ResolvedAuth, routes: RouteTable): RouteTable {
    const { paths, logger, flags, env } = this.options;
    this.registries = new PluginRegistries();
    const gwc = (root.gateway ?? {}) as NonNullable<KernelConfig['gateway']>;
    this.host = new PluginHost({
      builtins: this.options.builtins,
      runtime: () => this.runtime!,
      registries: this.registries,
      routes,
      db: this.db!,
      logger,
      baseDir: path.dirname(paths.configPath),
      drainTimeoutMs: gwc.drainTimeoutMs ?? 10_000,
      requestRestart: (reason, delayMs) => this.scheduleRestart(reason, delayMs ?? 0),
      onChange: () => this.refreshHealth(),
    });
    this.config = new ConfigController({
      paths,
      logger,
      host: this.host,
      registries: this.registries,
      initial: readConfigFile(paths.configPath),
      broadcast: (event, payload) => this.runtime?.broadcaster.broadcast(event, payload),
      applyKernelSettings: (next) => this.applyKernelSettings(next),
      restart: (reason) => this.scheduleRestart(reason, 0),
      onError: () => this.refreshHealth(),
      missingSecret: (next) =>
        resolveAuth({ flagToken: flags.token, env, config: (next as KernelConfig).gateway?.auth })
          ? undefined
          : `gateway.auth.${auth.mode === 'password' ? 'password' : 'token'} is missing: the gateway would ` +
            'restart without a secret and lock out every client holding the current one; keep it, or set a new one',
    });
    registerCoreMethods(rt.methods, {
      runtime: () => this.runtime!,
      config: this.config,
      host: this.host,
      registries: this.registries,
      health: () => this.healthSnapshot(),
      status: () => new SerializedPayload(this.statusJson()),
      restart: (reason, delayMs) => this.scheduleRestart(reason, delayMs),
    });
    return routes;
  }

  private announceListening(tls: boolean, auth: ResolvedAuth, root: RawConfig): void {
    const host = this.bindHost.includes(':') ? `[${this.bindHost}]` : this.bindHost;
    const url = `${tls ? 'wss' : 'ws'}://${host}:${this.port}`;
    const active = this.host!.list()
      .filter((p) => p.state === 'active')
      .map((p) => p.id);
    this.logger.info(
      { port: this.port, bind: this.bindHost, auth: auth.mode, authSource: auth.source, plugins: active },
      `gateway listening on ${url}`,
    );
    const block = readyBlock({
      version: this.options.version,
      url,
      pid: process.pid,
      configPath: this.options.paths.configPath,
      profile: this.options.paths.profile,
      auth,
      dashboardBasePath: active.includes('control-ui') ? controlUiBasePath(root) : undefined,
      hasModel: hasModelProvider(root),
      hasChannel: hasChatChannel(root),
    });
    // The whole block once per process; after an in-process restart the listening line says enough.
    for (const line of this.announcedReady ? block.slice(0, 1) : block) this.options.announce(line);
    this.announcedReady = true;
  }

  /** SIGTERM/SIGINT: tell clients, close them 1001, unload plugins, close the store. */
  stop(reason = 'gateway stopping'): Promise<void> {
    if (!this.stopping) this.stopping = this.teardown(reason, CloseCode.goingAway, undefined);
    return this.stopping;
  }

  /** SIGUSR1 / gateway.restart: drain, close 1012, reload everything, same pid. */
  restart(reason = 'restart requested'): Promise<void> {
    if (this.stopping) return this.stopping;
    if (this.restarting) {
      // Asked again once the new start already serves (it listens before the config watcher is
      // ready): its clients expect a restart, so run one more after this one instead of dropping it.
      if (this.runtime?.acceptingWork) this.restartAgain = reason;
      return this.restarting;
    }
    this.restarting = (async () => {
      this.logger.info({ reason }, 'in-process restart');
      await this.teardown(reason, CloseCode.serviceRestart, 1500);
      this.stopping = undefined;
      await this.start();
    })().finally(() => {
      this.restarting = undefined;
      const again = this.restartAgain;
      this.restartAgain = undefined;
      if (again !== undefined && !this.stopping) this.scheduleRestart(again, 0);
    });
    return this.restarting;
  }

  scheduleRestart(reason: string, delayMs = 0): number {
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = setTimeout(
      () => {
        this.restartTimer = undefined;
        this.restart(reason).catch((err) => {
          this.logger.fatal({ err }, 'restart failed; exiting');
          process.exitCode = 1;
          process.kill(process.pid, 'SIGTERM');
        });
      },
      Math.max(0, delayMs),
    );
    return delayMs + 1500;
  }

  private async teardown(reason: string, closeCode: number, restartExpectedMs: number | undefined): Promise<void> {
    const rt = this.runtime;
    if (!rt) return;
    rt.acceptingWork = false;
    this.publisher.stop();
    rt.presenceAnnouncer.dispose();
    await this.config?.close();
    // Let active agent runs finish (bounded) before anyone is told to go.
    await this.host?.drainAll();
    const payload: Record<string, unknown> = { reason };
    if (restartExpectedMs !== undefined) payload.restartExpectedMs = restartExpectedMs;
    rt.broadcaster.broadcast('shutdown', payload);
    for (const conn of this.connections)
      conn.close(closeCode, closeCode === CloseCode.serviceRestart ? 'gateway restarting' : 'gateway stopping', 1000);
    await this.host?.unloadAll(reason);
    await new Promise<void>((resolve) => {
      if (!this.server) return resolve();
      this.server.close(() => resolve());
      this.server.closeAllConnections?.();
    });
    try {
      await this.app?.close();
    } catch (err) {
      this.logger.debug({ err }, 'closing the outer server');
    }
    for (const conn of this.connections) conn.socket.terminate();
    this.connections.clear();
    this.db?.close();
    this.db = undefined;
    this.runtime = undefined;
    this.logger.info(
      { reason },
      closeCode === CloseCode.serviceRestart ? 'gateway stopped for restart' : 'gateway stopped',
    );
  }

  private buildRuntime(root: RawConfig, auth: ResolvedAuth): KernelRuntime & { acceptingWork: boolean } {
    const kc = root as KernelConfig;
    const gw = kc.gateway ?? {};
    const hostPolicy: HostPolicy = {
      port: this.port,
      bindHost: this.bindHost,
      allowedHosts: gw.allowedHosts ?? [],
      allowedOrigins: gw.controlUi?.allowedOrigins ?? [],
    };
    const broadcaster = new Broadcaster(CORE_EVENTS);
    const presence = new PresenceTable(this.options.version);
    this.limiter.configure(gw.auth?.rateLimit?.maxFailures ?? 10, gw.auth?.rateLimit?.windowMs ?? 60_000);
    const rt = {
      version: this.options.version,
      startedAt: Date.now(),
      logger: this.options.logger,
      paths: this.options.paths,
      auth,
      hostPolicy,
      requestedPort: this.port,
      limiter: this.limiter,
      metrics: this.metrics,
      tailscale: auth.allowTailscale ? this.tailscaleVerifier() : undefined,
      devices: new DeviceRegistry(this.db!, loadOrCreateDeviceTokenKey(this.options.paths.credentialsDir)),
      pairing: pairingRequests(this.db!, root),
      signatures: this.signatures,
      methods: new MethodRegistry(),
      broadcaster,
      presence,
      presenceAnnouncer: new PresenceAnnouncer(broadcaster, presence),
      idempotency: new IdempotencyCache(),
      verbose: this.options.flags.verbose === true,
      tickIntervalMs: gw.tickIntervalMs ?? DEFAULT_TICK_INTERVAL_MS,
      handshakeTimeoutMs: gw.handshakeTimeoutMs ?? HANDSHAKE_TIMEOUT_MS,
      acceptingWork: false,
      healthSnapshot: () => this.healthSnapshot(),
      sessionDefaults: () => this.sessionDefaults(),
      helloField: (field: string, client: HelloClient) =>
        this.registries?.table<HelloFieldEntry>('helloFields').get(field)?.value(client) as never,
      notify: (name, payload) => void this.registries?.internal.emit(name, payload),
    } satisfies KernelRuntime;
    return rt;
  }

  private tailscaleVerifier(): TailscaleVerifier {
    const socket = tailscaledSocketPath(this.options.env);
    return new TailscaleVerifier(createWhoisLookup(socket), socket, this.limiter, this.options.logger);
  }

  /** Live kernel settings (no restart): Host/Origin lists, tick interval. */
  private applyKernelSettings(root: RawConfig): void {
    const rt = this.runtime;
    if (!rt) return;
    if ((root as KernelConfig).logging?.level && !this.options.flags.verbose)
      this.logger.level = (root as KernelConfig).logging!.level!;
    if (this.db) setDurability(this.db, (root as KernelConfig).store?.durability ?? 'process');
    const gw = (root as KernelConfig).gateway ?? {};
    this.switchMetrics(gw.metrics?.enabled === true);
    rt.hostPolicy.allowedHosts = gw.allowedHosts ?? [];
    rt.hostPolicy.allowedOrigins = gw.controlUi?.allowedOrigins ?? [];
    rt.pairing.configure(pairingSettings(root));
    const tick = gw.tickIntervalMs ?? DEFAULT_TICK_INTERVAL_MS;
    if (tick !== rt.tickIntervalMs) {
      (rt as { tickIntervalMs: number }).tickIntervalMs = tick;
      this.publisher.start();
    }
  }

  healthSnapshot(): Record<string, unknown> {
    return buildHealthSnapshot({
      plugins: this.host?.summaries() ?? [],
      registries: this.registries,
      configError: this.config?.lastError,
      listening: Boolean(this.server?.listening),
    });
  }

  /** Recompute health; when it changed, bump stateVersion.health and broadcast it. */
  refreshHealth(): void {
    this.publisher.refresh();
  }

  /** The `status` payload, as JSON (see StatusSerializer). */
  statusJson(): string {
    const rt = this.runtime!;
    if (this.statusMemo?.clock !== rt.broadcaster.activity)
      this.statusMemo = { clock: rt.broadcaster.activity, memo: new TurnMemo(rt.broadcaster.activity) };
    return this.statusMemo.memo.get(() => this.buildStatusJson());
  }

  private buildStatusJson(): string {
    return this.statusSerializer.serialize({
      runtime: this.runtime!,
      plugins: this.host?.summaries() ?? [],
      registries: this.registries,
      configError: this.config?.lastError,
      port: this.port,
      bind: this.bindHost,
      processStartedAt: this.processStartedAt,
    });
  }

  /** hello-ok's optional `snapshot.sessionDefaults`: the status section a plugin (the agent) provides. */
  private sessionDefaults(): SessionDefaults | undefined {
    const section = statusSections(this.registries).find((s) => s.key === 'sessionDefaults');
    try {
      return section?.read() as SessionDefaults | undefined;
    } catch (err) {
      this.logger.warn({ err }, 'the sessionDefaults status section failed');
      return undefined;
    }
  }

  /** The plugin host of the running start (tests and the SDK's test gateway inspect it). */
  get plugins(): PluginHost | undefined {
    return this.host;
  }

  get pluginRegistries(): PluginRegistries | undefined {
    return this.registries;
  }

  /** What an owner has registered in the live tables, per kind (leak checks after unload). */
  registeredBy(owner: string): Record<string, string[]> {
    return this.host?.registeredBy(owner) ?? {};
  }

  get authSecret(): string | undefined {
    return this.runtime?.auth.secret;
  }

  get configError(): ConfigErrorReport | undefined {
    return this.config?.lastError;
  }
}

/** `gateway.pairing` and `gateway.controlUi.allowInsecureAuth` (docs/nodes.md). */
function pairingSettings(root: RawConfig): Partial<PairingSettings> {
  const gw = (root as KernelConfig).gateway ?? {};
  return {
    ttlMs: gw.pairing?.pendingTtlMs,
    maxPending: gw.pairing?.maxPending,
    autoApproveWithSecret: gw.pairing?.autoApproveWithSecret,
    allowInsecureBrowserAuth: gw.controlUi?.allowInsecureAuth,
  };
}

function pairingRequests(db: SqliteDatabase, root: RawConfig): PairingRequests {
  const requests = new PairingRequests(db);
  requests.configure(pairingSettings(root));
  return requests;
}
