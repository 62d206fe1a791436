import client from 'prom-client';
import type { GaugeReading, MetricLabels, MetricOptions } from '../../sdk/metrics.js';
import { kernelError } from '../errors.js';

export type PluginMetricType = 'counter' | 'gauge' | 'histogram';

/** One registered plugin metric: what the `metrics` registration kind stages and commits. */
export interface MetricEntry {
  /** Exposed name, `moltbot_<plugin's name>`. */
  name: string;
  type: PluginMetricType;
  metric: client.Counter | client.Gauge | client.Histogram;
  /** Read at scrape time (gauges). */
  collect?: () => GaugeReading;
}

const NAME = /^[a-z][a-z0-9_]{0,99}$/;
export const DEFAULT_BUCKETS = [0.005, 0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/**
 * The prom-client objects behind plugin metrics, kept for the process: a reloaded generation
 * asking for the same metric (owner, name, type, labels) gets the same object back, so its
 * values continue. Only what the live `metrics` table holds is scraped.
 */
export class PluginMetricStore {
  private readonly objects = new Map<string, { signature: string; metric: MetricEntry['metric'] }>();

  constructor(private readonly reserved: (name: string) => boolean) {}

  obtain(
    owner: string,
    type: PluginMetricType,
    options: MetricOptions & { buckets?: readonly number[] },
  ): MetricEntry['metric'] {
    if (typeof options?.name !== 'string' || !NAME.test(options.name))
      throw kernelError(
        'GW_ERR_REGISTRATION_INVALID',
        `metric name "${String(options?.name)}" is not valid: lowercase letters, digits and _, starting with a letter`,
      );
    if (typeof options.help !== 'string' || options.help.trim() === '')
      throw kernelError('GW_ERR_REGISTRATION_INVALID', `metric ${options.name}: help must be a non-empty string`);
    const name = `moltbot_${options.name}`;
    if (this.reserved(name))
      throw kernelError('GW_ERR_REGISTRATION_INVALID', `metric ${name} is one of the kernel's own`);
    const labelNames = [...(options.labelNames ?? [])];
    const buckets = type === 'histogram' ? [...(options.buckets ?? DEFAULT_BUCKETS)] : [];
    const signature = JSON.stringify([type, labelNames, buckets, options.help]);
    const key = `${owner}\u0000${name}`;
    const known = this.objects.get(key);
    if (known?.signature === signature) return known.metric;
    // `registers: []`: not in any global registry; the scrape builds its own from the live table.
    const config = { name, help: options.help, labelNames, registers: [] };
    const metric =
      type === 'counter'
        ? new client.Counter(config)
        : type === 'gauge'
          ? new client.Gauge(config)
          : new client.Histogram({ ...config, buckets });
    this.objects.set(key, { signature, metric });
    return metric;
  }
}

/** Apply a scrape-time reading to a gauge. */
export function applyReading(gauge: client.Gauge, reading: GaugeReading): void {
  gauge.reset();
  if (typeof reading === 'number') gauge.set(reading);
  else for (const r of reading) gauge.set(r.labels as MetricLabels, r.value);
}
