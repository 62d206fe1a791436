import { describe, expect, it } from 'vitest';
import { PluginMetricStore } from './plugin-metrics.js';

describe('PluginMetricStore', () => {
  const store = () => new PluginMetricStore((name) => name === 'moltbot_requests_total');

  it('hands a reloaded generation the same metric, so values continue', async () => {
    const s = store();
    const a = s.obtain('p', 'counter', { name: 'jobs_total', help: 'jobs' });
    const b = s.obtain('p', 'counter', { name: 'jobs_total', help: 'jobs' });
    expect(b).toBe(a);
    const other = s.obtain('p', 'counter', { name: 'jobs_total', help: 'jobs', labelNames: ['kind'] });
    expect(other).not.toBe(a);
  });

  it('refuses bad names, empty help and the kernel’s own names', () => {
    const s = store();
    expect(() => s.obtain('p', 'gauge', { name: 'Bad-Name', help: 'x' })).toThrow(/not valid/);
    expect(() => s.obtain('p', 'gauge', { name: 'ok', help: ' ' })).toThrow(/help/);
    expect(() => s.obtain('p', 'counter', { name: 'requests_total', help: 'x' })).toThrow(/kernel/);
  });
});
