import type { Goal, Unit } from './types.js';

/** One table row: a metric measured on both targets (a string is an error or "not run"). */
export interface ReportRow {
  readonly workload: string;
  readonly metric: string;
  readonly unit: Unit;
  gateway?: number | string;
  baseline?: number | string;
  goal?: Goal;
}

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

export function formatValue(value: number, unit: Unit): string {
  if (!Number.isFinite(value)) return '—';
  switch (unit) {
    case 'µs':
      return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : integer.format(value)} µs`;
    case 'ms':
      return `${value < 10 ? value.toFixed(2) : value < 100 ? value.toFixed(1) : integer.format(value)} ms`;
    case 'req/s':
    case 'msg/s':
      return `${integer.format(value)} ${unit}`;
    case 'count':
      return integer.format(value);
    case 'KB':
    case 'MB':
      return `${value.toFixed(1)} ${unit}`;
    case '%':
      return `${value.toFixed(2)} %`;
  }
}

export function formatGoal(goal: Goal, unit: Unit): string {
  switch (goal.kind) {
    case 'below':
      return `< ${formatValue(goal.value, unit)}`;
    case 'at-most':
      return goal.value === 0 ? '0' : `≤ ${formatValue(goal.value, unit)}`;
    case 'at-least':
      return `≥ ${formatValue(goal.value, unit)}`;
    case 'ratio-at-most':
      return `≤ ${goal.value}× baseline`;
    case 'ratio-at-least':
      return `≥ ${Math.round(goal.value * 100)}% of baseline`;
    case 'all':
      return goal.goals.map((g) => formatGoal(g, unit)).join(' and ');
  }
}

export function judge(goal: Goal, gateway: number, baseline: number | undefined): 'pass' | 'miss' | 'n/a' {
  switch (goal.kind) {
    case 'below':
      return gateway < goal.value ? 'pass' : 'miss';
    case 'at-most':
      return gateway <= goal.value ? 'pass' : 'miss';
    case 'at-least':
      return gateway >= goal.value ? 'pass' : 'miss';
    case 'ratio-at-most':
      if (baseline === undefined || !(baseline > 0)) return 'n/a';
      return gateway / baseline <= goal.value ? 'pass' : 'miss';
    case 'ratio-at-least':
      if (baseline === undefined || !(baseline > 0)) return 'n/a';
      return gateway / baseline >= goal.value ? 'pass' : 'miss';
    case 'all': {
      const verdicts = goal.goals.map((g) => judge(g, gateway, baseline));
      return verdicts.includes('miss') ? 'miss' : verdicts.includes('n/a') ? 'n/a' : 'pass';
    }
  }
}

function cell(value: number | string | undefined, unit: Unit): string {
  if (value === undefined) return '—';
  return typeof value === 'number' ? formatValue(value, unit) : value;
}

/** The results as a GitHub-flavoured markdown table. */
export function markdownTable(rows: readonly ReportRow[]): string {
  const header = ['workload', 'metric', 'gateway', 'baseline', 'ratio', 'target', 'pass/miss'];
  const body = rows.map((row) => {
    const gw = typeof row.gateway === 'number' && Number.isFinite(row.gateway) ? row.gateway : undefined;
    const base = typeof row.baseline === 'number' && Number.isFinite(row.baseline) ? row.baseline : undefined;
    const ratio = gw !== undefined && base !== undefined && base > 0 ? `${(gw / base).toFixed(2)}×` : '—';
    const target = row.goal ? formatGoal(row.goal, row.unit) : '';
    const verdict = row.goal ? (gw === undefined ? 'n/a' : judge(row.goal, gw, base)) : '';
    return [
      row.workload,
      row.metric,
      cell(row.gateway, row.unit),
      cell(row.baseline, row.unit),
      ratio,
      target,
      verdict,
    ];
  });
  const all = [header, ...body].map((cols) => cols.map((c) => c.replace(/\|/g, '\\|').replace(/\n/g, ' ')));
  const widths = header.map((_, i) => Math.max(...all.map((cols) => cols[i]!.length)));
  const line = (cols: string[]): string =>
    `| ${cols.map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i >= 2 && i <= 4 ? `${'-'.repeat(w + 1)}:` : '-'.repeat(w + 2))).join('|')}|`;
  return [line(all[0]!), rule, ...all.slice(1).map(line)].join('\n');
}
