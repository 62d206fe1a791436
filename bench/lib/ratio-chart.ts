/**
 * The run's ratios as a PNG (bench/results/latest-ratios.png, shown in docs/performance.md):
 * one bar per row with a ratio target (gateway / baseline in the same run), coloured by its
 * verdict, the target as a black tick and 1× (parity) as a dashed line. A run without such rows
 * (a gateway-only selection) charts every row that has both values.
 */
import { writeFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { specToPng } from './chart-png.js';
import { judge, type ReportRow } from './report.js';
import { ratioOf } from './saved-run.js';
import type { Goal } from './types.js';

/** The ratio bound of a goal, when it has one (directly or inside an `all`). */
function ratioTarget(goal: Goal | undefined): number | undefined {
  if (!goal) return undefined;
  if (goal.kind === 'ratio-at-most' || goal.kind === 'ratio-at-least') return goal.value;
  if (goal.kind === 'all') for (const g of goal.goals) if (ratioTarget(g) !== undefined) return ratioTarget(g);
  return undefined;
}

export interface RatioBar {
  label: string;
  ratio: number;
  verdict: 'pass' | 'miss' | 'no target';
  target?: number;
}

export function ratioBars(rows: readonly ReportRow[]): RatioBar[] {
  const targeted = rows.filter((r) => ratioTarget(r.goal) !== undefined && ratioOf(r) !== undefined);
  const bars: RatioBar[] = [];
  for (const row of targeted.length > 0 ? targeted : rows) {
    const ratio = ratioOf(row);
    if (ratio === undefined) continue;
    const label = `${row.workload}: ${row.metric}`;
    const verdict = row.goal ? judge(row.goal, row.gateway as number, row.baseline as number) : 'n/a';
    const target = ratioTarget(row.goal);
    bars.push({
      label: label.length > 70 ? `${label.slice(0, 69)}…` : label,
      ratio,
      verdict: verdict === 'n/a' ? 'no target' : verdict,
      ...(target !== undefined ? { target } : {}),
    });
  }
  return bars;
}

export function ratioChartSpec(bars: readonly RatioBar[], title: string): TopLevelSpec {
  const y = { field: 'label', type: 'nominal', sort: null, title: null, axis: { labelLimit: 460 } };
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: {
      text: title,
      subtitle: 'black tick = target: throughput passes at or right of it, time and memory at or left of it',
    },
    background: 'white',
    padding: 12,
    width: 360,
    height: { step: 18 },
    data: { values: bars },
    config: { font: 'DejaVu Sans', axis: { labelFontSize: 11, titleFontSize: 12 }, title: { fontSize: 14 } },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          y,
          x: { field: 'ratio', type: 'quantitative', title: 'gateway / baseline (same run)', scale: { zero: true } },
          color: {
            field: 'verdict',
            type: 'nominal',
            title: null,
            scale: { domain: ['pass', 'miss', 'no target'], range: ['#2e7d32', '#c62828', '#9e9e9e'] },
            legend: { orient: 'bottom' },
          },
        },
      },
      {
        mark: { type: 'tick', color: 'black', thickness: 2, size: 14 },
        transform: [{ filter: 'isValid(datum.target)' }],
        encoding: { y, x: { field: 'target', type: 'quantitative' } },
      },
      {
        mark: { type: 'rule', strokeDash: [4, 3], color: '#555' },
        data: { values: [{ parity: 1 }] },
        encoding: { x: { field: 'parity', type: 'quantitative' } },
      },
      {
        mark: { type: 'text', align: 'left', dx: 4, fontSize: 10 },
        encoding: { y, x: { field: 'ratio', type: 'quantitative' }, text: { field: 'ratio', format: '.2f' } },
      },
    ],
  };
  return spec as unknown as TopLevelSpec;
}

export async function writeRatioChartPng(file: string, rows: readonly ReportRow[], title: string): Promise<boolean> {
  const bars = ratioBars(rows);
  if (bars.length === 0) return false;
  writeFileSync(file, await specToPng(ratioChartSpec(bars, title)));
  return true;
}
