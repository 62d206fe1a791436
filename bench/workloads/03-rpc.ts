/** RPC: closed-loop `status` round trips over 1 and 50 connections, 1 and 32 requests in flight each. */
import { ClientPool } from '../lib/client-pool.js';
import { readCpuMs } from '../lib/cpu.js';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

const CONNECTIONS = [1, 50] as const;
const IN_FLIGHT = [1, 32] as const;

const workload: Workload = {
  name: 'rpc',
  title: 'RPC status',
  trials: 3,
  async run(target, opts) {
    const warmupMs = opts.quick ? 100 : 300;
    const durationMs = opts.quick ? 400 : 1000;
    const server = await target.start();
    const measurements: Measurement[] = [];
    try {
      for (const connections of CONNECTIONS) {
        const pool = await ClientPool.open({
          url: server.url,
          connectParams: target.connectParams(server.token),
          count: connections,
        });
        try {
          for (const inflight of IN_FLIGHT) {
            const cpu0 = readCpuMs(server.pid);
            const result = await pool.rpc({ method: target.statusMethod, inflight, warmupMs, durationMs });
            // Server CPU time per answered request: what the server spends on one, whatever
            // else shares the cores (throughput on a busy machine measures the neighbours too).
            const cpuUsPerRequest = ((readCpuMs(server.pid) - cpu0) * 1000) / Math.max(1, result.answered);
            if (result.errors > 0) {
              throw new Error(
                `${result.errors} failed requests (${connections} conn × ${inflight}): ${result.firstError}`,
              );
            }
            const label = `${connections} conn × ${inflight} in flight`;
            opts.log(`${label}: ${result.completed} requests`);
            measurements.push(
              {
                metric: `${label}: throughput`,
                value: (result.completed / durationMs) * 1000,
                unit: 'req/s',
                goal: { kind: 'ratio-at-least', value: inflight === 1 ? 0.85 : 0.8 },
              },
              { metric: `${label}: latency p50`, value: median(result.latencies), unit: 'ms' },
              { metric: `${label}: latency p99`, value: p99(result.latencies), unit: 'ms' },
              { metric: `${label}: server CPU per request`, value: cpuUsPerRequest, unit: 'µs' },
            );
          }
        } finally {
          await pool.close();
        }
      }
      return measurements;
    } finally {
      await server.stop();
    }
  },
};

export default workload;
