/** Cold start: process spawn → port accepting → first hello-ok, over fresh processes. */

import { ProtocolClient } from '../lib/protocol-client.js';
import { max, median } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

const workload: Workload = {
  name: 'cold-start',
  title: 'Cold start',
  async run(target, opts) {
    const runs = opts.quick ? 3 : 10;
    const accepting: number[] = [];
    const hello: number[] = [];
    for (let i = 0; i < runs; i++) {
      const server = await target.start();
      try {
        const client = await ProtocolClient.connect({
          url: server.url,
          connectParams: target.connectParams(server.token),
        });
        accepting.push(server.acceptingAt - server.spawnedAt);
        hello.push(client.timing.helloAt - server.spawnedAt);
        await client.close();
      } finally {
        await server.stop();
      }
    }
    opts.log(`${runs} starts`);
    const measurements: Measurement[] = [
      { metric: 'spawn → port accepting, p50', value: median(accepting), unit: 'ms' },
      {
        metric: 'spawn → first hello-ok, p50',
        value: median(hello),
        unit: 'ms',
        goal: {
          kind: 'all',
          goals: [
            { kind: 'ratio-at-most', value: 0.9 },
            { kind: 'below', value: 400 },
          ],
        },
      },
      { metric: `spawn → first hello-ok, max of ${runs}`, value: max(hello), unit: 'ms' },
    ];
    return measurements;
  },
};

export default workload;
