/**
 * Fan-out: one broadcast event to N connected clients; time from sending the request until
 * the last client has the event. Clients live in worker threads of the bench process.
 */
import { ClientPool } from '../lib/client-pool.js';
import { now } from '../lib/clock.js';
import { readCpuMs } from '../lib/cpu.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { median, percentile } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

const ROUND_TIMEOUT_MS = 15_000;

const workload: Workload = {
  name: 'fan-out',
  title: 'Fan-out',
  async run(target, opts) {
    const sizes = opts.quick ? [200] : [1000, 5000];
    const rounds = opts.quick ? 3 : 7;
    const measurements: Measurement[] = [];
    for (const size of sizes) {
      const server = await target.start(target.broadcast.startOptions);
      try {
        const connectParams = target.connectParams(server.token);
        const pool = await ClientPool.open({ url: server.url, connectParams, count: size });
        const controller = await ProtocolClient.connect({ url: server.url, connectParams });
        try {
          const last: number[] = [];
          const mid: number[] = [];
          const cpu: number[] = [];
          for (let round = 0; round < rounds; round++) {
            // Let connect-time events (e.g. presence updates) settle first.
            await pool.waitQuiet(200, 10_000);
            await pool.arm(target.broadcast.event);
            const cpu0 = readCpuMs(server.pid);
            const sentAt = now();
            const ack = controller.request(
              target.broadcast.method,
              target.broadcast.params(`bench fan-out ${size} #${round}`),
            );
            const collecting = pool.collect(ROUND_TIMEOUT_MS);
            collecting.catch(() => undefined); // a refused broadcast below ends the round first
            const refused = ack.then(() => new Promise<never>(() => undefined));
            const arrivals = await Promise.race([collecting, refused]);
            await ack;
            cpu.push(readCpuMs(server.pid) - cpu0);
            const delays = Array.from(arrivals, (t) => t - sentAt);
            const missing = delays.filter((d) => Number.isNaN(d)).length;
            if (missing > 0)
              throw new Error(
                `${missing}/${size} clients got no ${target.broadcast.event} event within ${ROUND_TIMEOUT_MS} ms`,
              );
            last.push(Math.max(...delays));
            mid.push(percentile(delays, 50));
          }
          opts.log(`${size} clients × ${rounds} rounds`);
          const n = size.toLocaleString('en-US');
          measurements.push(
            {
              metric: `${n} clients: last client has it (median of ${rounds})`,
              value: median(last),
              unit: 'ms',
              ...(size === 5000 ? { goal: { kind: 'ratio-at-most', value: 0.7 } as const } : {}),
            },
            { metric: `${n} clients: half have it (median of ${rounds})`, value: median(mid), unit: 'ms' },
            // Clock ticks are 10 ms: the mean over the rounds, not a median of mostly 0 or 10.
            {
              metric: `${n} clients: server CPU per broadcast (mean of ${rounds})`,
              value: cpu.reduce((a, b) => a + b, 0) / cpu.length,
              unit: 'ms',
            },
          );
        } finally {
          await controller.close();
          await pool.close();
        }
      } finally {
        await server.stop();
      }
    }
    return measurements;
  },
};

export default workload;
