import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { eventually } from '../support/eventually.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { startReady } from './start-gateway.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const TOKEN = 'metrics-token-0123456789abcdefghijklmnop';

function get(gw: GatewayProcess, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: gw.port, path: '/metrics', headers, agent: false }, (res) => {
        let body = '';
        res.on('data', (d) => (body += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** The value of one sample line (`name{labels} value`), or undefined. */
function sample(body: string, prefix: string): number | undefined {
  const line = body.split('\n').find((l) => l.startsWith(prefix));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

const config = (enabled: boolean, agent = true) => ({
  gateway: {
    auth: { token: TOKEN, rateLimit: { maxFailures: 1000 } },
    reload: { debounceMs: 50 },
    metrics: { enabled },
  },
  ...(agent ? {} : { plugins: { entries: { agent: { enabled: false } } } }),
});

describe('GET /metrics', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await startReady({ config: config(false) });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('is off by default: 404 naming the switch', async () => {
    const res = await get(gw, { authorization: `Bearer ${TOKEN}` });
    expect(res.status).toBe(404);
    expect(res.body).toContain('gateway.metrics.enabled');
  });

  it('once enabled (no restart) needs the bearer secret, then serves Prometheus text', async () => {
    gw.writeConfig(config(true));
    await eventually(async () => expect((await get(gw, { authorization: `Bearer ${TOKEN}` })).status).toBe(200));
    expect((await get(gw)).status).toBe(401);
    expect((await get(gw, { authorization: 'Bearer wrong' })).status).toBe(401);
    expect((await get(gw, { authorization: `Bearer ${TOKEN}`, host: 'evil.example' })).status).toBe(403);

    const c = await gw.client({ token: TOKEN });
    await c.request('health');
    await c.request('no.such.method').catch(() => undefined);
    const { body } = await get(gw, { authorization: `Bearer ${TOKEN}` });
    expect(sample(body, 'moltbot_connections_open ')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'moltbot_connections_opened_total ')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'moltbot_requests_total{method="health",outcome="ok"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'moltbot_requests_total{method="unknown",outcome="NOT_FOUND"}')).toBe(1);
    expect(body).toMatch(/^moltbot_request_duration_seconds_bucket\{le="0\.005",method="health"\} \d+/m);
    expect(sample(body, 'moltbot_auth_failures_total{realm="gateway"}')).toBeGreaterThanOrEqual(1);
    expect(sample(body, 'moltbot_plugin_generation{plugin="agent",state="active"}')).toBe(1);
    expect(body).toMatch(/^moltbot_plugin_load_duration_seconds_count\{plugin="agent"\} 1$/m);
    expect(sample(body, 'process_resident_memory_bytes ')).toBeGreaterThan(1_000_000);
    expect(body).toMatch(/^nodejs_heap_size_used_bytes \d+/m);
    expect(body).toMatch(/^nodejs_eventloop_lag_seconds [\d.e-]+$/m);
    // Plugins' own metrics, through ctx.metrics.
    expect(sample(body, 'moltbot_agent_queue_depth ')).toBe(0);
    expect(body).toContain('# TYPE moltbot_agent_runs_total counter');
    expect(body).toContain('# TYPE moltbot_outbound_queue_depth gauge');
    expect(body).toContain('# TYPE moltbot_outbound_dead_letters gauge');
    expect(body).not.toContain(TOKEN);
    c.close();
  });

  it('a plugin’s metrics are withdrawn with it when it is unloaded', async () => {
    gw.writeConfig(config(true, false));
    await eventually(async () => {
      const { body } = await get(gw, { authorization: `Bearer ${TOKEN}` });
      expect(body).not.toContain('moltbot_agent_queue_depth');
      expect(body).toContain('moltbot_outbound_queue_depth');
    });
  });
});
