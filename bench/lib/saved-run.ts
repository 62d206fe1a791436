/**
 * A bench run on disk (`bench/results/latest.json` after every full run, or any file given to
 * `--save`), and `--compare <file>`: this run's rows against a saved one's.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { formatValue, type ReportRow } from './report.js';

export interface SavedRun {
  readonly version: 1;
  /** ISO time the run ended. */
  readonly at: string;
  readonly quick: boolean;
  /** What the machine was doing: load averages (1, 5, 15 min) at the start and the end. */
  readonly load: { readonly start: readonly number[]; readonly end: readonly number[] };
  readonly machine: string;
  readonly commit?: string;
  readonly rows: readonly ReportRow[];
}

export function writeSavedRun(file: string, run: SavedRun): void {
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}

export function readSavedRun(file: string): SavedRun {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`--compare ${file}: cannot read a saved run (${(err as Error).message})`);
  }
  const run = parsed as Partial<SavedRun>;
  if (run?.version !== 1 || !Array.isArray(run.rows))
    throw new Error(`--compare ${file}: not a saved bench run (expected {"version": 1, "rows": [...]})`);
  return run as SavedRun;
}

const num = (v: number | string | undefined): number | undefined =>
  typeof v === 'number' && Number.isFinite(v) ? v : undefined;

/** gateway / baseline when both sides are numbers. */
export function ratioOf(row: ReportRow): number | undefined {
  const gw = num(row.gateway);
  const base = num(row.baseline);
  return gw !== undefined && base !== undefined && base > 0 ? gw / base : undefined;
}

const key = (row: ReportRow): string => `${row.workload}\u0000${row.metric}`;

function change(before: number | undefined, after: number | undefined): string {
  if (before === undefined || after === undefined) return '—';
  if (before === 0) return after === 0 ? '0%' : '—';
  const pct = ((after - before) / Math.abs(before)) * 100;
  return `${pct >= 0 ? '+' : ''}${pct.toFixed(0)}%`;
}

/**
 * Markdown: each row of this run beside the saved one. Where both runs have a baseline the
 * ratios are compared (the machine's load moves both sides; the ratio less so), else the
 * gateway's values. Rows only one of the runs has are listed too.
 */
export function comparisonTable(saved: SavedRun, rows: readonly ReportRow[]): string {
  const before = new Map(saved.rows.map((r) => [key(r), r]));
  const header = ['workload', 'metric', 'compared', 'saved', 'now', 'change'];
  const body: string[][] = [];
  for (const row of rows) {
    const old = before.get(key(row));
    before.delete(key(row));
    const r0 = old ? ratioOf(old) : undefined;
    const r1 = ratioOf(row);
    if (r0 !== undefined && r1 !== undefined) {
      body.push([row.workload, row.metric, 'ratio', `${r0.toFixed(2)}×`, `${r1.toFixed(2)}×`, change(r0, r1)]);
      continue;
    }
    const g0 = num(old?.gateway);
    const g1 = num(row.gateway);
    const show = (v: number | undefined, raw: number | string | undefined) =>
      v !== undefined ? formatValue(v, row.unit) : raw === undefined ? '(not in run)' : String(raw);
    body.push([row.workload, row.metric, 'gateway', show(g0, old?.gateway), show(g1, row.gateway), change(g0, g1)]);
  }
  // Rows of the saved run this one did not measure (a selection): one line per workload.
  const skipped = new Map<string, number>();
  for (const old of before.values()) skipped.set(old.workload, (skipped.get(old.workload) ?? 0) + 1);
  for (const [workload, n] of skipped) body.push([workload, `(${n} rows)`, '—', 'saved', '(not in run)', '—']);
  const all = [header, ...body].map((cols) => cols.map((c) => c.replace(/\|/g, '\\|')));
  const widths = header.map((_, i) => Math.max(...all.map((cols) => cols[i]!.length)));
  const line = (cols: string[]) =>
    `| ${cols.map((c, i) => (i >= 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 3 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}
