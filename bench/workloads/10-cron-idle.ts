/**
 * Cron at rest: the gateway's CPU while idle with no jobs, then with 10,000 jobs (quick 2,000)
 * whose next slots are far away, in the same process. The scheduler keeps one timer for the
 * earliest slot, so the jobs must cost nothing between slots. Baseline column = the same
 * gateway before the jobs were added.
 */
import { sleep } from '../lib/clock.js';
import { cpuPercentOver } from '../lib/cpu.js';
import { addJobs } from '../lib/cron-jobs.js';
import { waitForPlugins } from '../lib/plugin-status.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { readRssKb } from '../lib/rss.js';
import type { Workload } from '../lib/types.js';

const SETTLE_MS = 2000;
/** After adding the jobs: the garbage of 10,000 requests is collected before the window opens. */
const SETTLE_AFTER_ADD_MS = 6000;

const workload: Workload = {
  name: 'cron-idle',
  title: 'Cron, idle jobs',
  targets: ['gateway'],
  async run(target, opts) {
    const count = opts.quick ? 2000 : 10_000;
    const windowMs = opts.quick ? 3000 : 10_000;
    const server = await target.start({ config: {} });
    try {
      const admin = await ProtocolClient.connect({
        url: server.url,
        connectParams: target.connectParams(server.token),
      });
      try {
        await waitForPlugins(admin, ['cron']);
        await sleep(SETTLE_MS);
        const rssBefore = readRssKb(server.pid);
        const idle = await cpuPercentOver(server.pid, windowMs);
        const year = new Date().getUTCFullYear() + 5;
        const startedAt = Date.now();
        // Far-away slots of every kind: a daily grid anchored next year, a yearly expression, a date years ahead.
        await addJobs(admin, count, (i) => ({
          name: `idle ${i}`,
          schedule:
            i % 3 === 0
              ? { kind: 'every', everyMs: 86_400_000, anchorMs: Date.UTC(year, 0, 1) }
              : i % 3 === 1
                ? { kind: 'cron', expr: '0 0 1 1 *', tz: 'UTC' }
                : { kind: 'at', at: `${year}-06-01T00:00:00Z` },
          payload: { kind: 'systemEvent', text: `idle job ${i}` },
        }));
        const addMs = Date.now() - startedAt;
        const status = (await admin.request('cron.status', {})) as { jobs: number };
        if (status.jobs !== count) throw new Error(`cron.status counts ${status.jobs} jobs, expected ${count}`);
        opts.log(`${count} jobs added in ${addMs} ms`);
        await sleep(SETTLE_AFTER_ADD_MS);
        const busy = await cpuPercentOver(server.pid, windowMs);
        const rssAfter = readRssKb(server.pid);
        const n = `${count.toLocaleString('en-US')} jobs`;
        return [
          {
            metric: `idle CPU with ${n} (baseline = same gateway, no jobs)`,
            value: busy,
            reference: idle,
            unit: '%',
          },
          { metric: `idle CPU added by ${n}`, value: busy - idle, unit: '%', goal: { kind: 'below', value: 0.5 } },
          { metric: `adding ${n} (cron.add, pipelined)`, value: addMs, unit: 'ms' },
          { metric: `RSS added by ${n}`, value: (rssAfter - rssBefore) / 1024, unit: 'MB' },
        ];
      } finally {
        await admin.close();
      }
    } finally {
      await server.stop();
    }
  },
};

export default workload;
