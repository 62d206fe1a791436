import client from 'prom-client';
import { applyReading, type MetricEntry, PluginMetricStore } from './plugin-metrics.js';

/** Live values the kernel reads at scrape time. */
export interface MetricsSources {
  openConnections(): number;
  /** Bytes queued in every connection's send buffer (the broadcast backlog). */
  bufferedBytes(): number;
  plugins(): Array<{ id: string; generation: number; state: string }>;
  /** The plugin metrics the live registration table holds now. */
  pluginMetrics(): MetricEntry[];
}

/**
 * The gateway's Prometheus metrics (prom-client, its own registry, never the global one). One
 * instance for the process: counters survive in-process restarts, as Prometheus expects.
 * Recording is always on (it is a few integer additions); `gateway.metrics.enabled` decides
 * whether `GET /metrics` answers.
 */
export class GatewayMetrics {
  readonly registry = new client.Registry();
  readonly pluginStore = new PluginMetricStore((name) => this.registry.getSingleMetric(name) !== undefined);
  private sources?: MetricsSources;

  private readonly connectionsOpened = new client.Counter({
    name: 'moltbot_connections_opened_total',
    help: 'WebSocket connections opened',
    registers: [this.registry],
  });
  private readonly connectionsClosed = new client.Counter({
    name: 'moltbot_connections_closed_total',
    help: 'WebSocket connections closed, by close code',
    labelNames: ['code'],
    registers: [this.registry],
  });
  private readonly requests = new client.Counter({
    name: 'moltbot_requests_total',
    help: 'Control-plane requests answered, by method and outcome (ok or the wire error code)',
    labelNames: ['method', 'outcome'],
    registers: [this.registry],
  });
  private readonly requestSeconds = new client.Histogram({
    name: 'moltbot_request_duration_seconds',
    help: 'Control-plane request latency, by method',
    labelNames: ['method'],
    buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
    registers: [this.registry],
  });
  private readonly authFailures = new client.Counter({
    name: 'moltbot_auth_failures_total',
    help: 'Wrong credentials presented (counted in the failure limiter), by realm',
    labelNames: ['realm'],
    registers: [this.registry],
  });
  private readonly authLimited = new client.Counter({
    name: 'moltbot_auth_limited_total',
    help: 'Attempts refused without being evaluated because a failure budget was spent, by realm',
    labelNames: ['realm'],
    registers: [this.registry],
  });
  private readonly slowConsumers = new client.Counter({
    name: 'moltbot_slow_consumer_closes_total',
    help: 'Connections closed 1013 because their send buffer passed maxBufferedBytes',
    registers: [this.registry],
  });
  private readonly reloads = new client.Counter({
    name: 'moltbot_plugin_loads_total',
    help: 'Plugin generations built (load or reload), by plugin and result',
    labelNames: ['plugin', 'result'],
    registers: [this.registry],
  });
  private readonly reloadSeconds = new client.Histogram({
    name: 'moltbot_plugin_load_duration_seconds',
    help: 'Time to build and ready a plugin generation, by plugin',
    labelNames: ['plugin'],
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  private processMetrics = false;

  constructor() {
    const sources = () => this.sources;
    new client.Gauge({
      name: 'moltbot_connections_open',
      help: 'WebSocket connections open now',
      registers: [this.registry],
      collect() {
        this.set(sources()?.openConnections() ?? 0);
      },
    });
    new client.Gauge({
      name: 'moltbot_send_buffer_bytes',
      help: 'Bytes waiting in all connections’ send buffers (broadcast backlog)',
      registers: [this.registry],
      collect() {
        this.set(sources()?.bufferedBytes() ?? 0);
      },
    });
    new client.Gauge({
      name: 'moltbot_plugin_generation',
      help: 'Current generation number of each plugin (1 = first load); label state',
      labelNames: ['plugin', 'state'],
      registers: [this.registry],
      collect() {
        this.reset();
        for (const p of sources()?.plugins() ?? []) this.set({ plugin: p.id, state: p.state }, p.generation);
      },
    });
  }

  /**
   * Start the process metrics (CPU, memory, GC, event-loop lag): from the first time metrics are
   * switched on, not before — the lag monitor and the GC observer cost every gateway that never
   * serves `/metrics` a timer every 20 ms and work on every GC.
   */
  collectProcessMetrics(): void {
    if (this.processMetrics) return;
    this.processMetrics = true;
    client.collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 20 });
  }

  /** The running start's live values (rebound at every start). */
  bind(sources: MetricsSources): void {
    this.sources = sources;
  }

  connectionOpened(): void {
    this.connectionsOpened.inc();
  }

  connectionClosed(code: number): void {
    this.connectionsClosed.inc({ code: String(code) });
  }

  requestAnswered(method: string, outcome: string, seconds: number): void {
    this.requests.inc({ method, outcome });
    this.requestSeconds.observe({ method }, seconds);
  }

  authFailed(realm: string): void {
    this.authFailures.inc({ realm });
  }

  authWasLimited(realm: string): void {
    this.authLimited.inc({ realm });
  }

  slowConsumerClosed(): void {
    this.slowConsumers.inc();
  }

  pluginBuilt(plugin: string, ok: boolean, seconds: number): void {
    this.reloads.inc({ plugin, result: ok ? 'ok' : 'failed' });
    if (ok) this.reloadSeconds.observe({ plugin }, seconds);
  }

  /** The Prometheus text exposition: the kernel's metrics, then the plugins' live ones. */
  async scrape(): Promise<{ contentType: string; text: string }> {
    const plugins = new client.Registry();
    for (const entry of this.sources?.pluginMetrics() ?? []) {
      if (entry.collect && entry.metric instanceof client.Gauge) {
        try {
          applyReading(entry.metric, entry.collect());
        } catch {
          /* a plugin's reading failed: its last value stands */
        }
      }
      plugins.registerMetric(entry.metric as client.Metric);
    }
    const text = (await this.registry.metrics()) + (await plugins.metrics());
    return { contentType: this.registry.contentType, text };
  }
}
