/**
 * Cron under a burst: 1,000 jobs (quick 100) all due in the same second, twice: system lines
 * for the main session (the scheduler's own path: claimed, run and ended in batched commits),
 * then agent turns on the fake model provider, each in its own session (the agent's own
 * commits per turn bound this one). Measured from that second until the last run finished
 * (`cron` events), and checked: every job ran once (for the turns: the provider saw each
 * job's message exactly once).
 */
import { fakeProviderConfig } from '../lib/agent-config.js';
import { now, sleep } from '../lib/clock.js';
import { readCpuMs } from '../lib/cpu.js';
import { addJobs } from '../lib/cron-jobs.js';
import { type FakeModelProvider, startFakeModelProvider } from '../lib/fakes.js';
import { waitForPlugins } from '../lib/plugin-status.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { median, p99 } from '../lib/stats.js';
import type { Measurement, Workload } from '../lib/types.js';

/** Time given to add the jobs before their second comes. */
const LEAD_MS = 4000;
const MAX_WAIT_MS = 120_000;

interface Burst {
  kind: 'system line' | 'agent turn';
  payload(i: number): Record<string, unknown>;
}

const BURSTS: Burst[] = [
  { kind: 'system line', payload: (i) => ({ kind: 'systemEvent', text: `burst line ${i}` }) },
  { kind: 'agent turn', payload: (i) => ({ kind: 'agentTurn', message: `burst job ${i}` }) },
];

async function runBurst(
  serverPid: number,
  admin: ProtocolClient,
  provider: FakeModelProvider,
  burst: Burst,
  count: number,
  log: (m: string) => void,
): Promise<Measurement[]> {
  const finished = new Map<string, { status: string; at: number }>();
  const started: number[] = [];
  admin.onEvent((event, payload) => {
    if (event !== 'cron') return;
    const p = payload as { jobId: string; action: string; status?: string };
    if (p.action === 'started') started.push(now());
    if (p.action === 'finished') finished.set(p.jobId, { status: p.status ?? '?', at: now() });
  });
  // Adding takes about one commit per job: give it time before the common second.
  const dueAt = Math.ceil((Date.now() + LEAD_MS + count * 15) / 1000) * 1000;
  const at = new Date(dueAt).toISOString();
  const ids = await addJobs(admin, count, (i) => ({
    name: `burst ${i}`,
    schedule: { kind: 'at', at },
    payload: burst.payload(i),
  }));
  if (Date.now() >= dueAt) throw new Error(`adding ${count} jobs took past their due time`);
  log(`${count} ${burst.kind} jobs due at ${at}`);
  const deadline = dueAt + MAX_WAIT_MS;
  while (Date.now() < dueAt) await sleep(Math.min(50, dueAt - Date.now()));
  const cpu0 = readCpuMs(serverPid);
  while (finished.size < count && Date.now() < deadline) await sleep(50);
  const cpuMs = readCpuMs(serverPid) - cpu0;
  admin.onEvent(undefined);
  if (finished.size < count) throw new Error(`${finished.size} of ${count} runs finished in time`);
  const lastAt = Math.max(...[...finished.values()].map((f) => f.at));
  const errors = [...finished.values()].filter((f) => f.status !== 'ok').length;
  const startDelays = started.map((t) => t - dueAt);
  const n = `${count.toLocaleString('en-US')} ${burst.kind}s`;
  const rows: Measurement[] = [
    {
      metric: `${n} due in one second: last run finished after`,
      value: lastAt - dueAt,
      unit: 'ms',
      goal: { kind: 'below', value: 5000 },
    },
    { metric: `${n}: run start after its slot, p50`, value: median(startDelays), unit: 'ms' },
    // What the gateway itself spends (the fake provider runs in the bench's process).
    { metric: `${n}: gateway CPU per run`, value: cpuMs / count, unit: 'ms' },
    { metric: `${n}: run start after its slot, p99`, value: p99(startDelays), unit: 'ms' },
    { metric: `${n}: runs not ok`, value: errors, unit: 'count', goal: { kind: 'at-most', value: 0 } },
    {
      metric: `${n}: jobs that ran twice or never (events)`,
      value: Math.abs(ids.length - finished.size) + (started.length - ids.length),
      unit: 'count',
      goal: { kind: 'at-most', value: 0 },
    },
  ];
  if (burst.kind === 'agent turn') {
    const seen = new Map<string, number>();
    for (const r of provider.requests) {
      const m = /burst job (\d+)/.exec(JSON.stringify(r.body ?? ''));
      if (m) seen.set(m[1]!, (seen.get(m[1]!) ?? 0) + 1);
    }
    rows.push({
      metric: `${n}: turns that reached the provider twice or never`,
      value: [...seen.values()].filter((c) => c > 1).length + (ids.length - seen.size),
      unit: 'count',
      goal: { kind: 'at-most', value: 0 },
    });
  }
  return rows;
}

const workload: Workload = {
  name: 'cron-burst',
  title: 'Cron, burst of due jobs',
  targets: ['gateway'],
  async run(target, opts) {
    const count = opts.quick ? 100 : 1000;
    const provider = await startFakeModelProvider();
    try {
      const server = await target.start({ config: fakeProviderConfig(provider) });
      try {
        const admin = await ProtocolClient.connect({
          url: server.url,
          connectParams: target.connectParams(server.token),
        });
        try {
          await waitForPlugins(admin, ['agent', 'cron']);
          const rows: Measurement[] = [];
          for (const burst of BURSTS)
            rows.push(...(await runBurst(server.pid, admin, provider, burst, count, opts.log)));
          return rows;
        } finally {
          await admin.close();
        }
      } finally {
        await server.stop();
      }
    } finally {
      await provider.close();
    }
  },
};

export default workload;
