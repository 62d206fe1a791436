/** Memory: server RSS when idle, and the increase per idle authenticated connection. */
import { ClientPool } from '../lib/client-pool.js';
import { sleep } from '../lib/clock.js';
import { readRssKb } from '../lib/rss.js';
import type { Workload } from '../lib/types.js';

const workload: Workload = {
  name: 'memory',
  title: 'Memory',
  async run(target, opts) {
    const count = opts.quick ? 200 : 5000;
    const settleMs = opts.quick ? 300 : 2000;
    const server = await target.start();
    try {
      await sleep(settleMs);
      const idleKb = readRssKb(server.pid);
      const pool = await ClientPool.open({ url: server.url, connectParams: target.connectParams(server.token), count });
      try {
        await pool.waitQuiet(200, 10_000);
        await sleep(settleMs);
        const loadedKb = readRssKb(server.pid);
        opts.log(`${count} idle connections`);
        const n = count.toLocaleString('en-US');
        return [
          { metric: 'RSS idle', value: idleKb / 1024, unit: 'MB', goal: { kind: 'ratio-at-most', value: 1.05 } },
          { metric: `RSS with ${n} idle connections`, value: loadedKb / 1024, unit: 'MB' },
          {
            metric: `RSS per idle connection (${n})`,
            value: (loadedKb - idleKb) / count,
            unit: 'KB',
            goal: { kind: 'at-most', value: 12 },
          },
        ];
      } finally {
        await pool.close();
      }
    } finally {
      await server.stop();
    }
  },
};

export default workload;
