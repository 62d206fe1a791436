import type client from 'prom-client';
import type { Disposer } from '../../sdk/context.js';
import type { CounterMetric, GaugeMetric, HistogramMetric, MetricsRegistrar } from '../../sdk/metrics.js';
import type { MetricEntry, PluginMetricStore } from '../metrics/plugin-metrics.js';

/** `ctx.metrics`: each metric is an entry of the `metrics` registration kind, staged on the generation. */
export function pluginMetrics(
  owner: string,
  stage: (entry: MetricEntry) => Disposer,
  store: () => PluginMetricStore,
): MetricsRegistrar {
  return {
    counter(options): CounterMetric {
      const metric = store().obtain(owner, 'counter', options) as client.Counter;
      stage({ name: `moltbot_${options.name}`, type: 'counter', metric });
      return { inc: (labels, value) => (labels ? metric.inc(labels, value ?? 1) : metric.inc(value ?? 1)) };
    },
    gauge(options): GaugeMetric {
      const metric = store().obtain(owner, 'gauge', options) as client.Gauge;
      stage({ name: `moltbot_${options.name}`, type: 'gauge', metric, collect: options.collect });
      return {
        set: (value, labels) => (labels ? metric.set(labels, value) : metric.set(value)),
        inc: (labels, value) => (labels ? metric.inc(labels, value ?? 1) : metric.inc(value ?? 1)),
        dec: (labels, value) => (labels ? metric.dec(labels, value ?? 1) : metric.dec(value ?? 1)),
      };
    },
    histogram(options): HistogramMetric {
      const metric = store().obtain(owner, 'histogram', options) as client.Histogram;
      stage({ name: `moltbot_${options.name}`, type: 'histogram', metric });
      return {
        observe: (value, labels) => (labels ? metric.observe(labels, value) : metric.observe(value)),
        startTimer: (labels) => {
          const end = metric.startTimer(labels);
          return () => {
            end();
          };
        },
      };
    },
  };
}
