/**
 * `npm run soak`: the long hostile runs that do not belong in `npm test` (issue 10).
 *
 * 1. handshake churn: SOAK_CYCLES (default 100000) connect → challenge → connect → hello-ok →
 *    close cycles, 8 at a time;
 * 2. mixed load for SOAK_MINUTES (default 30): RPC loops, connection churn, `send` through a
 *    channel, agent turns over the OpenAI endpoint (fake model provider), wrong-token guesses
 *    (the failure limiter), oversize frames, /metrics scrapes and a plugin reload a minute.
 *
 * RSS and open fds of the gateway are sampled every 5 s; the report (docs/soak-report.md) has
 * the numbers, the machine's load, a verdict (flat or not) and the chart
 * (docs/images/soak-rss-fds.png).
 */

import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { fakeProviderConfig } from '../lib/agent-config.js';
import { writeStackedChartPng } from '../lib/chart-png.js';
import { sleep } from '../lib/clock.js';
import { startFakeModelProvider } from '../lib/fakes.js';
import { ensureOpenFileLimit } from '../lib/fd-limit.js';
import { postJson } from '../lib/http-post.js';
import { ProtocolClient } from '../lib/protocol-client.js';
import { gatewayTarget, PROJECT_ROOT } from '../targets/gateway.js';
import { flatness, type SoakSample, SoakSampler } from './soak-sampler.js';

const CYCLES = Number(process.env.SOAK_CYCLES ?? 100_000);
const MINUTES = Number(process.env.SOAK_MINUTES ?? 30);
const OUT_DIR = process.env.SOAK_OUT ?? path.join(PROJECT_ROOT, 'docs');
/** The whole run stays within this (npm run soak's promise): the mixed phase is cut to fit. */
const BUDGET_MINUTES = Number(process.env.SOAK_BUDGET_MINUTES ?? 39);
/** RSS may grow this much from warm-up to the end, fds this many, and the run still counts as flat. */
const RSS_SLACK_MB = 25;
const FD_SLACK = 10;

type Counts = Record<string, { ok: number; failed: number; firstError?: string }>;
const counts: Counts = {};
function count(op: string, ok: boolean, err?: unknown): void {
  counts[op] ??= { ok: 0, failed: 0 };
  if (ok) counts[op].ok++;
  else {
    counts[op].failed++;
    counts[op].firstError ??= err instanceof Error ? err.message : String(err);
  }
}

function loadLine(): string {
  const [a, b, c] = os.loadavg().map((x) => x.toFixed(2));
  return `${a} / ${b} / ${c}`;
}

async function main(): Promise<void> {
  const limitNote = ensureOpenFileLimit(4096);
  const provider = await startFakeModelProvider();
  const drop = mkdtempSync(path.join(os.tmpdir(), 'soak-filedrop-'));
  const filedrop = (pollMs: number) => ({
    from: path.join(PROJECT_ROOT, 'examples', '02-file-drop-channel'),
    config: { inboxDir: path.join(drop, 'in'), outboxDir: path.join(drop, 'out'), pollMs },
  });
  const config = {
    ...fakeProviderConfig(provider),
    gateway: {
      auth: { rateLimit: { maxFailures: 10, windowMs: 60_000 } },
      http: { endpoints: { chatCompletions: { enabled: true } } },
      metrics: { enabled: true },
      reload: { debounceMs: 100 },
    },
    plugins: { entries: { filedrop: filedrop(200) } },
  };
  const server = await gatewayTarget.start({ config });
  const connectParams = gatewayTarget.connectParams(server.token);
  const startedAt = Date.now();
  const loadAtStart = loadLine();
  const sampler = new SoakSampler(server.pid, startedAt);
  sampler.start();
  const log = (line: string) =>
    process.stdout.write(`[soak ${((Date.now() - startedAt) / 1000).toFixed(0)}s] ${line}\n`);
  log(`gateway pid ${server.pid} on ${server.url}; ${CYCLES} handshake cycles, then ${MINUTES} min of mixed load`);

  // Phase 1: handshake churn.
  sampler.phase = 'handshakes';
  let next = 0;
  const worker = async () => {
    while (next < CYCLES) {
      next++;
      try {
        const c = await ProtocolClient.connect({ url: server.url, connectParams, timeoutMs: 15_000 });
        await c.close();
        count('handshake', true);
      } catch (err) {
        count('handshake', false, err);
      }
      if (next % 10_000 === 0) log(`${next} handshakes`);
    }
  };
  const handshakeStart = Date.now();
  await Promise.all(Array.from({ length: 16 }, worker));
  const handshakeSeconds = (Date.now() - handshakeStart) / 1000;
  log(`handshakes done in ${handshakeSeconds.toFixed(0)} s`);

  // Phase 2: mixed load.
  sampler.phase = 'mixed';
  const left = BUDGET_MINUTES - (Date.now() - startedAt) / 60_000 - 1;
  const mixedMinutes = Math.max(1, Math.min(MINUTES, left));
  if (mixedMinutes < MINUTES)
    log(`mixed load cut to ${mixedMinutes.toFixed(1)} min to stay within ${BUDGET_MINUTES} min`);
  const deadline = Date.now() + mixedMinutes * 60_000;
  const running = () => Date.now() < deadline;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  const auth = { authorization: `Bearer ${server.token}` };
  const loops: Array<Promise<void>> = [];
  const every = (ms: number, fn: () => Promise<void>) =>
    loops.push(
      (async () => {
        while (running()) {
          await fn().catch(() => undefined);
          await sleep(ms);
        }
      })(),
    );

  const rpcClients = await Promise.all(
    Array.from({ length: 4 }, () => ProtocolClient.connect({ url: server.url, connectParams })),
  );
  for (const [i, c] of rpcClients.entries()) {
    every(20, async () => {
      try {
        await c.request(i % 2 ? 'status' : 'health');
        count('rpc', true);
      } catch (err) {
        count('rpc', false, err);
      }
    });
  }
  every(50, async () => {
    try {
      const c = await ProtocolClient.connect({ url: server.url, connectParams });
      await c.close();
      count('churn', true);
    } catch (err) {
      count('churn', false, err);
    }
  });
  let sends = 0;
  every(500, async () => {
    try {
      await rpcClients[0]!.request('send', {
        to: `chat${sends % 5}`,
        message: `soak message ${sends}`,
        channel: 'filedrop',
        idempotencyKey: `soak-${startedAt}-${sends++}`,
      });
      count('send', true);
    } catch (err) {
      count('send', false, err);
    }
  });
  every(1000, async () => {
    try {
      const res = await postJson(agent, `${server.url.replace('ws:', 'http:')}v1/chat/completions`, auth, {
        model: 'moltbot:main',
        user: `soak-${Math.floor(Math.random() * 20)}`,
        messages: [{ role: 'user', content: 'hello from the soak' }],
      });
      count('agent turn (http)', res.status === 200, `HTTP ${res.status}`);
    } catch (err) {
      count('agent turn (http)', false, err);
    }
  });
  every(10_000, async () => {
    // A guesser on loopback, below the budget (6 a minute against 10): every guess is counted and
    // refused, and the shared-secret clients of the same source (churn, HTTP) are not locked out.
    const c = await ProtocolClient.connect({
      url: server.url,
      connectParams: { ...connectParams, auth: { token: 'wrong-soak-guess' } },
    }).catch((err: Error) => err);
    count('wrong token refused', c instanceof Error, 'a wrong token was accepted');
    if (!(c instanceof Error)) await c.close();
  });
  every(30_000, async () => {
    // An oversize frame: closed 1009, nothing kept.
    const ws = new WebSocket(server.url);
    const code = await new Promise<number>((resolve) => {
      ws.on('open', () => ws.send('x'.repeat(600 * 1024)));
      ws.on('close', (c) => resolve(c));
      ws.on('error', () => undefined);
    });
    count('oversize frame closed 1009', code === 1009, `closed ${code}`);
  });
  every(15_000, async () => {
    const status = await new Promise<number>((resolve, reject) =>
      http
        .get(`${server.url.replace('ws:', 'http:')}metrics`, { headers: auth, agent: false }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject),
    );
    count('metrics scrape', status === 200, `HTTP ${status}`);
  });
  let reloads = 0;
  every(60_000, async () => {
    try {
      await rpcClients[1]!.request('config.patch', {
        patch: { plugins: { entries: { filedrop: filedrop(reloads++ % 2 ? 200 : 250) } } },
      });
      count('plugin reload (config.patch)', true);
    } catch (err) {
      count('plugin reload (config.patch)', false, err);
    }
  });
  const progress = setInterval(() => {
    const s = sampler.samples.at(-1);
    log(`mixed load: rss ${s?.rssMb.toFixed(1)} MB, fds ${s?.fds}, load ${loadLine()}`);
  }, 60_000);
  await Promise.all(loops);
  clearInterval(progress);
  for (const c of rpcClients) await c.close();
  agent.destroy();
  sampler.stop();
  const loadAtEnd = loadLine();
  const alive = sampler.samples.at(-1) !== undefined && !Number.isNaN(sampler.samples.at(-1)!.fds);
  const tail = server.logTail();
  await server.stop();
  await provider.close();

  const mixed = sampler.samples.filter((s) => s.phase === 'mixed');
  const rss = flatness(mixed, 'rssMb');
  const fds = flatness(mixed, 'fds');
  const flat = rss.growth <= RSS_SLACK_MB && fds.growth <= FD_SLACK;
  mkdirSync(path.join(OUT_DIR, 'images'), { recursive: true });
  const chart = path.join(OUT_DIR, 'images', 'soak-rss-fds.png');
  const points = (key: 'rssMb' | 'fds', phase?: string) =>
    sampler.samples.filter((s) => !phase || s.phase === phase).map((s: SoakSample) => ({ x: s.t / 60, y: s[key] }));
  await writeStackedChartPng(
    chart,
    [
      {
        title: 'Resident memory (RSS) of the gateway process',
        xTitle: 'minutes since start',
        yTitle: 'MB',
        series: [
          { name: 'handshake churn', points: points('rssMb', 'handshakes') },
          { name: 'mixed load', points: points('rssMb', 'mixed') },
        ],
      },
      {
        title: 'Open file descriptors of the gateway process',
        xTitle: 'minutes since start',
        yTitle: 'fds',
        series: [
          { name: 'handshake churn', points: points('fds', 'handshakes') },
          { name: 'mixed load', points: points('fds', 'mixed') },
        ],
      },
    ],
    `npm run soak: ${CYCLES.toLocaleString('en')} handshakes, then ${mixedMinutes.toFixed(0)} min mixed load`,
  );
  const rows = Object.entries(counts)
    .map(
      ([op, c]) =>
        `| ${op} | ${c.ok} | ${c.failed} | ${c.firstError ? c.firstError.replace(/\|/g, '\\|').slice(0, 120) : ''} |`,
    )
    .join('\n');
  const cutNote =
    mixedMinutes < MINUTES
      ? ` The mixed phase was cut from ${MINUTES} to ${mixedMinutes.toFixed(1)} minutes so the whole run ` +
        `stays within ${BUDGET_MINUTES} minutes (the handshake phase was slow on the loaded machine).`
      : '';
  const report = `# Soak report

Written by \`npm run soak\` (bench/soak/run.ts) on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.
What it does: ${CYCLES.toLocaleString('en')} connect/handshake/close cycles (16 at a time), then
${mixedMinutes.toFixed(1)} minutes of mixed load against one gateway process: 4 clients calling
\`health\`/\`status\` in a loop, a connect/close every 50 ms, a \`send\` through the file-drop
channel every 500 ms, an agent turn over
\`POST /v1/chat/completions\` (fake model provider) every second, a wrong-token connect every 10 s (counted,
below the budget), an
oversize frame every 30 s, a \`/metrics\` scrape every 15 s and a plugin reload (\`config.patch\`) every
minute. RSS and open fds sampled every 5 s.${cutNote}

## Verdict: ${flat ? 'flat' : 'NOT flat'}${alive ? '' : ' (the gateway process was gone at the end)'}

| | after warm-up (2nd fifth) | end (last fifth) | growth | allowed |
|---|---|---|---|---|
| RSS | ${rss.early.toFixed(1)} MB | ${rss.late.toFixed(1)} MB | ${rss.growth.toFixed(1)} MB | ${RSS_SLACK_MB} MB |
| open fds | ${fds.early} | ${fds.late} | ${fds.growth} | ${FD_SLACK} |

![RSS and open fds over the run](images/soak-rss-fds.png)

## Operations

Handshake phase: ${handshakeSeconds.toFixed(0)} s (${(CYCLES / handshakeSeconds).toFixed(0)} cycles/s).

| operation | ok | failed | first error |
|---|---|---|---|
${rows}

## The machine

${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB,
Node ${process.version}. The machine is shared with other engineers' test runs: load average
(1/5/15 min) ${loadAtStart} at the start, ${loadAtEnd} at the end.${limitNote ? ` ${limitNote}` : ''}
Timings above move with that load; the memory and fd curves are what this report is for.

<details><summary>last lines of the gateway's output</summary>

\`\`\`
${tail
  .split('\n')
  .slice(-15)
  .join('\n')
  .replace(/Bearer \S+/g, 'Bearer [redacted]')}
\`\`\`
</details>
`;
  writeFileSync(path.join(OUT_DIR, 'soak-report.md'), report);
  log(`report: ${path.join(OUT_DIR, 'soak-report.md')}, chart: ${chart}; verdict ${flat ? 'flat' : 'NOT flat'}`);
  process.exitCode = flat && alive ? 0 : 1;
}

main().catch((err) => {
  process.stderr.write(`soak failed: ${(err as Error).stack ?? err}\n`);
  process.exit(1);
});
