import { describe, expect, it } from 'vitest';
import { formatGoal, formatValue, judge, markdownTable } from './report.js';

describe('bench report', () => {
  it('judges absolute, count and ratio goals on the gateway value', () => {
    expect(judge({ kind: 'below', value: 100 }, 99.9, undefined)).toBe('pass');
    expect(judge({ kind: 'below', value: 100 }, 100, undefined)).toBe('miss');
    expect(judge({ kind: 'at-most', value: 0 }, 0, undefined)).toBe('pass');
    expect(judge({ kind: 'at-most', value: 0 }, 1, undefined)).toBe('miss');
    expect(judge({ kind: 'at-least', value: 200 }, 199, undefined)).toBe('miss');
    expect(judge({ kind: 'ratio-at-least', value: 0.7 }, 70, 100)).toBe('pass');
    expect(judge({ kind: 'ratio-at-most', value: 1.5 }, 1.6, 1)).toBe('miss');
    expect(judge({ kind: 'ratio-at-most', value: 1.5 }, 1.6, undefined)).toBe('n/a');
  });

  it('judges a composite goal as passing only when every part passes', () => {
    const both = {
      kind: 'all',
      goals: [
        { kind: 'ratio-at-most', value: 0.9 },
        { kind: 'below', value: 400 },
      ],
    } as const;
    expect(judge(both, 380, 450)).toBe('pass');
    expect(judge(both, 420, 500)).toBe('miss'); // ratio fine, absolute not
    expect(judge(both, 380, 400)).toBe('miss'); // absolute fine, ratio not
    expect(judge(both, 380, undefined)).toBe('n/a');
    expect(formatGoal(both, 'ms')).toBe('≤ 0.9× baseline and < 400 ms');
  });

  it('formats units and goals', () => {
    expect(formatValue(1234.4, 'count')).toBe('1,234');
    expect(formatValue(250.2, 'msg/s')).toBe('250 msg/s');
    expect(formatValue(3.456, 'ms')).toBe('3.46 ms');
    expect(formatGoal({ kind: 'at-most', value: 0 }, 'count')).toBe('0');
    expect(formatGoal({ kind: 'at-least', value: 200 }, 'msg/s')).toBe('≥ 200 msg/s');
  });

  it('prints n/a for a gateway-only row and a ratio only when both sides are numbers', () => {
    const table = markdownTable([
      {
        workload: 'Hot reload',
        metric: 'failed RPCs',
        unit: 'count',
        gateway: 0,
        baseline: 'n/a',
        goal: { kind: 'at-most', value: 0 },
      },
      {
        workload: 'RPC',
        metric: 'throughput',
        unit: 'req/s',
        gateway: 80,
        baseline: 100,
        goal: { kind: 'ratio-at-least', value: 0.7 },
      },
    ]);
    const [, , reload, rpc] = table.split('\n');
    expect(reload).toMatch(/\| +0 \| +n\/a \| +— \| 0 +\| pass/);
    expect(rpc).toMatch(/0\.80× \| ≥ 70% of baseline \| pass/);
  });
});
