/**
 * Hot reload under load: `plugins.reload hello` 20 times while 200 WS clients call the reloading
 * plugin's method (`hello.greet`) and an HTTP client hammers another plugin's route (`GET /echo`).
 * Gateway only: the baseline has no plugins, so its column reads n/a and the targets are absolute
 * (no failed request, no dropped socket, reload p99 < 100 ms).
 */
import path from 'node:path';
import { ClientPool } from '../lib/client-pool.js';
import { now, sleep } from '../lib/clock.js';
import { startHttpHammer } from '../lib/http-hammer.js';
import { listPlugins, waitForPlugins } from '../lib/plugin-status.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';
import { HELLO_PLUGIN_DIR, PROJECT_ROOT } from '../targets/gateway.js';

/** The steady plugin of the repository's hot-reload e2e tests: route GET /echo, method echo.ping. */
const ECHO_PLUGIN_DIR = path.join(PROJECT_ROOT, 'test', 'fixtures', 'plugins', 'echo');
/** Pause between reloads, so each swap happens under steady load rather than back to back. */
const GAP_MS = 50;
const HTTP_CONCURRENCY = 4;
const IDLE_RELOADS = 5;

const workload: Workload = {
  name: 'hot-reload',
  title: 'Hot reload',
  targets: ['gateway'],
  async run(target, opts) {
    const reloads = opts.quick ? 5 : 20;
    const clients = opts.quick ? 50 : 200;
    const config = { plugins: { entries: { hello: { from: HELLO_PLUGIN_DIR }, echo: { from: ECHO_PLUGIN_DIR } } } };
    const server = await target.start({ config });
    try {
      const connectParams = target.connectParams(server.token);
      const admin = await ProtocolClient.connect({ url: server.url, connectParams });
      const pool = await ClientPool.open({ url: server.url, connectParams, count: clients });
      try {
        const initial = (await waitForPlugins(admin, ['hello', 'echo'])).get('hello')!.generation;
        // A few reloads with no load first: the cost of a swap itself, for contrast.
        const idleTrips: number[] = [];
        for (let i = 0; i < IDLE_RELOADS; i++) {
          const sentAt = now();
          await admin.request('plugins.reload', { id: 'hello' }, 30_000);
          idleTrips.push(now() - sentAt);
          await sleep(GAP_MS);
        }
        const before = initial + IDLE_RELOADS;
        const hammer = startHttpHammer({
          url: `http://127.0.0.1:${server.port}/echo`,
          headers: { authorization: `Bearer ${server.token}` },
          concurrency: HTTP_CONCURRENCY,
        });
        const rpcDone = pool.rpc({
          method: 'hello.greet',
          params: { name: 'bench' },
          inflight: 1,
          warmupMs: 0,
          durationMs: 600_000,
        });
        rpcDone.catch(() => undefined); // awaited below; a thread crash must not go unhandled meanwhile

        await sleep(200); // load running before the first swap
        const roundTrips: number[] = [];
        const loadMs: number[] = [];
        const reloadStarted = now();
        for (let i = 0; i < reloads; i++) {
          const sentAt = now();
          const result = (await admin.request('plugins.reload', { id: 'hello' }, 30_000)) as {
            plugin?: { loadMs?: number };
          };
          roundTrips.push(now() - sentAt);
          if (typeof result.plugin?.loadMs === 'number') loadMs.push(result.plugin.loadMs);
          await sleep(GAP_MS);
        }
        const reloadPhaseMs = now() - reloadStarted;
        opts.log(`idle reload round trips (ms): ${idleTrips.map((t) => t.toFixed(0)).join(' ')}`);
        opts.log(
          `reload round trips (ms): ${roundTrips.map((t) => t.toFixed(0)).join(' ')}; loadMs: ` +
            `${loadMs.map((t) => t.toFixed(0)).join(' ')}`,
        );
        await sleep(200); // and after the last one (the old generation drains meanwhile)

        await pool.stopRpc();
        const rpc = await rpcDone;
        const http = await hammer.stop();
        const after = (await listPlugins(admin)).find((row) => row.id === 'hello');
        const swapped = (after?.generation ?? before) - before;
        if (swapped !== reloads)
          throw new Error(
            `hello went from generation ${before} to ${after?.generation}: ${swapped} swaps for ${reloads} reloads`,
          );
        if (rpc.completed === 0 || http.completed === 0)
          throw new Error(`no load ran (rpc ${rpc.completed}, http ${http.completed})`);
        const dropped = rpc.closed + (admin.open ? 0 : 1);
        opts.log(
          `${reloads} reloads in ${(reloadPhaseMs / 1000).toFixed(1)} s; ${rpc.completed} RPCs (${rpc.errors} ` +
            `failed${rpc.firstError ? `: ${rpc.firstError}` : ''}), ` +
            `${http.completed} HTTP (${http.failed} failed${http.firstError ? `: ${http.firstError}` : ''}), ` +
            `${dropped} dropped sockets`,
        );

        const n = clients.toLocaleString('en-US');
        const measurements: Measurement[] = [
          {
            metric: `plugins.reload round trip with no load, p50 (${IDLE_RELOADS})`,
            value: median(idleTrips),
            unit: 'ms',
          },
          { metric: `plugins.reload round trip, p50 (${reloads} reloads)`, value: median(roundTrips), unit: 'ms' },
          {
            metric: `plugins.reload round trip, p99 (${reloads} reloads)`,
            value: p99(roundTrips),
            unit: 'ms',
            goal: { kind: 'at-most', value: 50 },
          },
          ...(loadMs.length > 0
            ? [{ metric: 'new generation built (loadMs), p50', value: median(loadMs), unit: 'ms' as const }]
            : []),
          {
            metric: `failed RPCs (hello.greet, ${n} WS clients)`,
            value: rpc.errors,
            unit: 'count',
            goal: { kind: 'at-most', value: 0 },
          },
          { metric: `RPCs answered during reloads`, value: rpc.completed, unit: 'count' },
          { metric: `hello.greet latency p99 during reloads`, value: p99(rpc.latencies), unit: 'ms' },
          {
            metric: `failed HTTP requests (GET /echo)`,
            value: http.failed,
            unit: 'count',
            goal: { kind: 'at-most', value: 0 },
          },
          { metric: `HTTP requests answered during reloads`, value: http.completed, unit: 'count' },
          {
            metric: `dropped sockets (${n} WS + admin)`,
            value: dropped,
            unit: 'count',
            goal: { kind: 'at-most', value: 0 },
          },
        ];
        return measurements;
      } finally {
        await pool.close();
        await admin.close();
      }
    } finally {
      await server.stop();
    }
  },
};

export default workload;
