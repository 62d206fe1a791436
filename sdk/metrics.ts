/**
 * Metrics a plugin reports through `ctx.metrics` (Prometheus, served by the kernel at
 * `GET /metrics` when `gateway.metrics.enabled`). Names are the plugin's own, lowercase with
 * `_`, and are exposed as `moltbot_<name>`; they are withdrawn when the generation retires. A
 * reloaded generation that registers the same metric (same type and labels) continues its
 * values, so counters do not restart at every config edit.
 */
export type MetricLabels = Record<string, string | number>;

export interface MetricOptions {
  /** `[a-z][a-z0-9_]*`, exposed as `moltbot_<name>`; counters should end in `_total`. */
  name: string;
  help: string;
  labelNames?: readonly string[];
}

export interface CounterMetric {
  inc(labels?: MetricLabels, value?: number): void;
}

export interface GaugeMetric {
  set(value: number, labels?: MetricLabels): void;
  inc(labels?: MetricLabels, value?: number): void;
  dec(labels?: MetricLabels, value?: number): void;
}

export interface HistogramMetric {
  observe(value: number, labels?: MetricLabels): void;
  /** Starts a timer; the returned function observes the seconds elapsed. */
  startTimer(labels?: MetricLabels): () => void;
}

/** A gauge read at scrape time: one value, or one per label set. */
export type GaugeReading = number | ReadonlyArray<{ labels: MetricLabels; value: number }>;

export interface MetricsRegistrar {
  counter(options: MetricOptions): CounterMetric;
  /** With `collect`, the gauge is read when scraped (a queue depth, a table size). */
  gauge(options: MetricOptions & { collect?: () => GaugeReading }): GaugeMetric;
  /** Seconds by default: buckets default to 5 ms … 60 s. */
  histogram(options: MetricOptions & { buckets?: readonly number[] }): HistogramMetric;
}
