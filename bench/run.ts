/**
 * `npm run bench [-- --quick] [-- --only handshake,rpc] [-- --compare bench/results/latest.json]`
 *
 * Runs every workload in `bench/workloads/` against the baseline and the gateway in the same
 * run and prints one markdown table on stdout (progress goes to stderr). A full run (every
 * workload, both targets, not quick) is saved as `bench/results/latest.json` with its ratio
 * chart `latest-ratios.png`; `--save <file>` saves any run.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { now } from './lib/clock.js';
import { ensureOpenFileLimit } from './lib/fd-limit.js';
import { writeRatioChartPng } from './lib/ratio-chart.js';
import { markdownTable, type ReportRow } from './lib/report.js';
import { comparisonTable, readSavedRun, type SavedRun, writeSavedRun } from './lib/saved-run.js';
import { median } from './lib/stats.js';
import type { Target, Workload } from './lib/types.js';
import { selectWorkloads, UnknownWorkloadError } from './lib/workload-selection.js';
import { WorkloadSkipped } from './lib/workload-skipped.js';
import { baselineTarget } from './targets/baseline.js';
import { gatewayTarget, PROJECT_ROOT } from './targets/gateway.js';

const USAGE = `usage: node dist/bench/run.js [--quick] [--only <name>[,<name>…]] [--target gateway|baseline]
                             [--compare <saved.json>] [--save <file.json>]

  --quick    smoke mode: small counts, under a minute
  --only     run only these workloads (name or number, e.g. handshake,4); an unknown name is refused
  --target   run only one side
  --compare  after the table, the change of each row against a saved run (ratios where both have them)
  --save     save this run (and its ratio chart, <file>-ratios.png); a full run is always saved as
             bench/results/latest.json
  --list     list workloads and exit`;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    target: { type: 'string' },
    list: { type: 'boolean', default: false },
    compare: { type: 'string' },
    save: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  process.stdout.write(`${USAGE}\n`);
  process.exit(0);
}

/** Workload files are `workloads/<nn>-<name>.js`, run in file-name order. */
async function loadWorkloads(): Promise<{ file: string; workload: Workload }[]> {
  const dir = new URL('./workloads/', import.meta.url);
  const files = readdirSync(dir)
    .filter((f) => /^\d+-[\w-]+\.js$/.test(f))
    .sort();
  return Promise.all(
    files.map(async (file) => ({
      file,
      workload: ((await import(new URL(file, dir).href)) as { default: Workload }).default,
    })),
  );
}

const log = (message: string): void => void process.stderr.write(`[bench] ${message}\n`);

/** Runs one workload on every target it applies to (interleaved trials) and pairs the metrics into rows. */
async function runWorkload(
  workload: Workload,
  available: Target[],
  quick: boolean,
  notes: string[],
): Promise<ReportRow[]> {
  const byMetric = new Map<string, { row: ReportRow; values: Record<Target['kind'], number[]>; reference: number[] }>();
  const failed = new Set<Target['kind']>();
  const skipped = new Map<Target['kind'], string>();
  const targets = available.filter((t) => !workload.targets || workload.targets.includes(t.kind));
  const trials = quick ? 1 : Math.max(1, workload.trials ?? 1);
  for (let trial = 1; trial <= trials; trial++) {
    for (const target of targets) {
      if (failed.has(target.kind) || skipped.has(target.kind)) continue;
      const tag = `${workload.name} · ${target.kind}${trials > 1 ? ` · trial ${trial}/${trials}` : ''}`;
      const t0 = now();
      try {
        for (const m of await workload.run(target, { quick, log: (message) => log(`${tag}: ${message}`) })) {
          let entry = byMetric.get(m.metric);
          if (!entry) {
            entry = {
              row: { workload: workload.title, metric: m.metric, unit: m.unit },
              values: { gateway: [], baseline: [] },
              reference: [],
            };
            byMetric.set(m.metric, entry);
          }
          entry.values[target.kind].push(m.value);
          if (m.reference !== undefined) entry.reference.push(m.reference);
          if (m.goal) entry.row.goal = m.goal;
        }
        log(`${tag}: done in ${((now() - t0) / 1000).toFixed(1)} s`);
      } catch (err) {
        if (err instanceof WorkloadSkipped) {
          skipped.set(target.kind, err.reason);
          log(`${tag}: skipped: ${err.reason}`);
          notes.push(`${workload.title} on ${target.kind} skipped: ${err.reason}`);
          continue;
        }
        failed.add(target.kind);
        const lines = (err as Error).message
          .split('\n')
          .map((l) => l.trim())
          .filter(Boolean);
        const detail = lines.slice(1).find((l) => /error|ERR_/i.test(l)) ?? lines.at(-1);
        const message = (lines.length > 1 ? `${lines[0]} … ${detail}` : (lines[0] ?? 'unknown error')).slice(0, 300);
        log(`${tag}: FAILED: ${(err as Error).message}`);
        notes.push(`${workload.title} on ${target.kind} failed: ${message}`);
      }
    }
  }
  const ran = new Set(targets.map((t) => t.kind));
  const rows = [...byMetric.values()].map(({ row, values, reference }) => {
    for (const kind of ['gateway', 'baseline'] as const) {
      if (failed.has(kind)) row[kind] = 'error';
      else if (values[kind].length > 0) row[kind] = median(values[kind]);
    }
    // A gateway-only workload: its own reference measurement, or nothing comparable.
    if (!ran.has('baseline') && row.baseline === undefined)
      row.baseline = reference.length > 0 ? median(reference) : 'n/a';
    return row;
  });
  if (rows.length === 0 && (failed.size > 0 || skipped.size > 0)) {
    const row: ReportRow = {
      workload: workload.title,
      metric: skipped.size > 0 ? '(skipped)' : '(failed)',
      unit: 'ms',
    };
    for (const kind of failed) row[kind] = 'error';
    for (const [kind, reason] of skipped) row[kind] = `skipped: ${reason}`;
    if (!ran.has('baseline')) row.baseline = 'n/a';
    rows.push(row);
  }
  return rows;
}

async function main(): Promise<void> {
  const all = await loadWorkloads();
  if (values.list) {
    for (const { file, workload } of all) process.stdout.write(`${file.replace(/\.js$/, '')}\t${workload.title}\n`);
    return;
  }
  const workloads = selectWorkloads(
    all.map(({ file, workload }) => ({ file, name: workload.name, workload })),
    values.only,
  );
  // Read it now: a wrong path should not wait for the end of a 20-minute run.
  const saved = values.compare ? readSavedRun(values.compare) : undefined;
  const loadAtStart = os.loadavg();

  const quick = values.quick ?? false;
  const fdWarning = ensureOpenFileLimit(quick ? 2048 : 12_000);
  if (fdWarning) log(`warning: ${fdWarning}`);

  if (values.target && values.target !== 'gateway' && values.target !== 'baseline') throw new Error(USAGE);
  const targets: Target[] = [baselineTarget, gatewayTarget].filter((t) => !values.target || t.kind === values.target);
  const notes: string[] = [];
  const available = targets.filter((t) => {
    const reason = t.unavailable();
    if (reason) notes.push(`${t.kind}: ${reason}`);
    return !reason;
  });
  for (const note of notes) log(note);

  const rows: ReportRow[] = [];
  const started = now();
  for (const { workload } of workloads) {
    rows.push(...(await runWorkload(workload, available, quick, notes)));
  }

  const cpu = os.cpus()[0]?.model.trim() ?? 'unknown CPU';
  const out = [
    `## Moltbot Gateway bench${quick ? ' (quick)' : ''}`,
    '',
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} × ${cpu}; ` +
      `${((now() - started) / 1000).toFixed(1)} s. Ratio = gateway / baseline.`,
    '',
    markdownTable(rows),
  ];
  if (notes.length > 0) out.push('', ...notes.map((n) => `- ${n}`));
  if (saved) {
    out.push('', `### Against the run saved ${saved.at} (${values.compare})`, '', comparisonTable(saved, rows));
  }
  process.stdout.write(`${out.join('\n')}\n`);

  const full = !quick && !values.only && !values.target;
  const files = [
    ...(values.save ? [values.save] : []),
    ...(full ? [path.join(PROJECT_ROOT, 'bench/results/latest.json')] : []),
  ];
  if (files.length === 0) return;
  const run: SavedRun = {
    version: 1,
    at: new Date().toISOString(),
    quick,
    load: { start: loadAtStart.map(round2), end: os.loadavg().map(round2) },
    machine: `Node ${process.version}, ${os.platform()} ${os.arch()}, ${os.availableParallelism()} × ${cpu}`,
    ...commitOf(),
    rows,
  };
  for (const file of files) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeSavedRun(file, run);
    const png = file.replace(/(\.json)?$/, '-ratios.png');
    const load = run.load.start.map((l) => l.toFixed(1)).join(', ');
    if (await writeRatioChartPng(png, rows, `Gateway / baseline, ${run.at.slice(0, 16)} UTC (load ${load})`))
      log(`saved ${file} and ${png}`);
    else log(`saved ${file}`);
  }
}

const round2 = (n: number): number => Math.round(n * 100) / 100;

/** The commit the bench was built from, when it runs in a git checkout. */
function commitOf(): { commit?: string } {
  try {
    const commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: PROJECT_ROOT, encoding: 'utf8' });
    return { commit: commit.trim() };
  } catch {
    return {};
  }
}

// A stray rejection from a misbehaving server must not abort the whole table.
process.on('unhandledRejection', (reason) =>
  log(`warning: unhandled rejection: ${(reason as Error)?.message ?? String(reason)}`),
);

main().then(
  () => process.exit(0),
  (err: unknown) => {
    // A wrong argument is a message, not a stack trace.
    if (err instanceof UnknownWorkloadError) {
      process.stderr.write(`bench: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`bench: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
