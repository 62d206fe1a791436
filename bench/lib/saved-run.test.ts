import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ratioBars, writeRatioChartPng } from './ratio-chart.js';
import type { ReportRow } from './report.js';
import { comparisonTable, readSavedRun, type SavedRun, writeSavedRun } from './saved-run.js';

const rows = (rps: number, cold: number, failures: number | string): ReportRow[] => [
  {
    workload: 'RPC',
    metric: 'throughput',
    unit: 'req/s',
    gateway: rps,
    baseline: 1000,
    goal: { kind: 'ratio-at-least', value: 0.85 },
  },
  { workload: 'Cold start', metric: 'hello-ok', unit: 'ms', gateway: cold, baseline: 400 },
  { workload: 'Hot reload', metric: 'failed RPCs', unit: 'count', gateway: failures, baseline: 'n/a' },
];

const run = (r: ReportRow[]): SavedRun => ({
  version: 1,
  at: '2026-12-01T12:00:00.000Z',
  quick: false,
  load: { start: [1, 1, 1], end: [1, 1, 1] },
  machine: 'test',
  rows: r,
});

describe('saved runs and --compare', () => {
  it('compares ratios where both runs have a baseline, else gateway values; lists rows one run lacks', () => {
    const before = run(rows(500, 800, 0));
    const now = [
      ...rows(900, 400, 'error').slice(0, 3),
      { workload: 'New', metric: 'x', unit: 'ms' as const, gateway: 1 },
    ];
    const table = comparisonTable(before, now);
    expect(table).toMatch(/RPC .*throughput .*ratio .*0\.50× .*0\.90× .*\+80%/);
    expect(table).toMatch(/Cold start .*hello-ok .*ratio .*2\.00× .*1\.00× .*-50%/);
    expect(table).toMatch(/failed RPCs .*gateway .*0 .*error .*—/);
    expect(table).toMatch(/New .*x .*\(not in run\) .*1\.00 ms/);
  });

  it('round-trips through a file and refuses a file that is not a saved run', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-saved-'));
    try {
      const file = path.join(dir, 'run.json');
      writeSavedRun(file, run(rows(500, 800, 0)));
      expect(readSavedRun(file).rows).toHaveLength(3);
      fs.writeFileSync(path.join(dir, 'other.json'), '{"rows": 3}');
      expect(() => readSavedRun(path.join(dir, 'other.json'))).toThrow('not a saved bench run');
      expect(() => readSavedRun(path.join(dir, 'missing.json'))).toThrow('cannot read a saved run');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('charts the rows with a ratio target (else all with both sides), coloured by verdict, as a PNG', async () => {
    expect(ratioBars(rows(900, 400, 0)).map((b) => [b.ratio, b.verdict, b.target])).toEqual([[0.9, 'pass', 0.85]]);
    expect(ratioBars(rows(900, 400, 0).slice(1)).map((b) => [b.ratio, b.verdict])).toEqual([[1, 'no target']]);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-chart-'));
    try {
      const png = path.join(dir, 'ratios.png');
      expect(await writeRatioChartPng(png, rows(900, 400, 0), 'test')).toBe(true);
      expect(fs.readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
      expect(await writeRatioChartPng(path.join(dir, 'none.png'), [], 'none')).toBe(false);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
