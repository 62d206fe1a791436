/** Handshake: connect → hello-ok latency over sequential connections to one warm server. */

import { ProtocolClient } from '../lib/protocol-client.js';
import { median, p99 } from '../lib/stats.js';
import type { Workload } from '../lib/types.js';

const WARMUP = 20;

const workload: Workload = {
  name: 'handshake',
  title: 'Handshake',
  trials: 3,
  async run(target, opts) {
    const count = opts.quick ? 50 : 500;
    const server = await target.start();
    try {
      const connectParams = target.connectParams(server.token);
      const latencies: number[] = [];
      for (let i = 0; i < WARMUP + count; i++) {
        const client = await ProtocolClient.connect({ url: server.url, connectParams });
        if (i >= WARMUP) latencies.push(client.timing.helloAt - client.timing.startedAt);
        // Wait for the close so the next handshake does not overlap this teardown.
        await client.close();
      }
      opts.log(`${count} sequential handshakes`);
      return [
        {
          metric: `connect → hello-ok, p50 (${count} seq.)`,
          value: median(latencies),
          unit: 'ms',
          goal: { kind: 'ratio-at-most', value: 1.2 },
        },
        { metric: `connect → hello-ok, p99 (${count} seq.)`, value: p99(latencies), unit: 'ms' },
      ];
    } finally {
      await server.stop();
    }
  },
};

export default workload;
