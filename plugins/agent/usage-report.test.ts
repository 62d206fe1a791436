import { describe, expect, it } from 'vitest';
import { costSummary, dayKey, dayStart, parseUtcOffset, sessionsUsage, type UsageRow } from './usage-report.js';

const price = { input: 3, output: 15, cacheRead: 0.3, cacheWrite: 3.75 };
const priceOf = (ref: string | undefined) => (ref === 'anth/sonnet' ? price : undefined);
const at = (iso: string) => new Date(iso).getTime();

function row(partial: Partial<UsageRow>): UsageRow {
  return {
    sessionKey: 'agent:main:main',
    role: 'assistant',
    toolNames: [],
    isError: false,
    ts: at('2026-03-02T10:00:00Z'),
    ...partial,
  };
}

describe('usage report', () => {
  it('prices uncached input, output and cache tokens per million, and counts unpriced models', () => {
    const rows = [
      row({
        usage: { inputTokens: 1_000_000, outputTokens: 100_000, cacheReadTokens: 200_000, cacheWriteTokens: 100_000 },
        model: 'anth/sonnet',
      }),
      row({ usage: { inputTokens: 10, outputTokens: 5 }, model: 'local/llama' }),
      row({ role: 'user' }),
    ];
    const { totals, daily } = costSummary(rows, priceOf, 30);
    // 700k uncached input × $3 + 100k output × $15 + 200k cache read × $0.3 + 100k cache write × $3.75
    expect(totals.totalCost).toBeCloseTo(2.1 + 1.5 + 0.06 + 0.375, 10);
    expect(totals).toMatchObject({ input: 700_010, output: 100_005, cacheRead: 200_000, cacheWrite: 100_000 });
    expect(totals.totalTokens).toBe(700_010 + 100_005 + 300_000);
    expect(totals.missingCostEntries).toBe(1);
    expect(daily).toHaveLength(1);
  });

  it('groups sessions.usage by day in the zone asked for, with message, tool and model counts', () => {
    const rows = [
      row({ role: 'user', ts: at('2026-03-02T23:30:00Z') }),
      row({
        toolNames: ['web_fetch', 'web_fetch'],
        usage: { inputTokens: 100, outputTokens: 10 },
        model: 'anth/sonnet',
        ts: at('2026-03-02T23:31:00Z'),
      }),
      row({ role: 'tool', isError: true, ts: at('2026-03-02T23:32:00Z') }),
    ];
    const sessions = [{ key: 'agent:main:main', sessionId: 's1', updatedAt: 1, agentId: 'main', model: 'anth/sonnet' }];
    const utc = sessionsUsage(
      rows,
      sessions,
      priceOf,
      { kind: 'offset', minutes: 0 },
      { startDate: '2026-03-01', endDate: '2026-03-03', limit: 50 },
    );
    expect(utc.aggregates.daily.map((d) => d.date)).toEqual(['2026-03-02']);
    const plus2 = sessionsUsage(
      rows,
      sessions,
      priceOf,
      { kind: 'offset', minutes: 120 },
      { startDate: '2026-03-01', endDate: '2026-03-03', limit: 50 },
    );
    expect(plus2.aggregates.daily.map((d) => d.date)).toEqual(['2026-03-03']);
    const s = utc.sessions[0]!;
    expect(s).toMatchObject({ key: 'agent:main:main', sessionId: 's1', modelProvider: 'anth', model: 'sonnet' });
    expect(s.usage.messageCounts).toEqual({ total: 3, user: 1, assistant: 1, toolCalls: 2, toolResults: 1, errors: 1 });
    expect(s.usage.toolUsage).toEqual({ totalCalls: 2, uniqueTools: 1, tools: [{ name: 'web_fetch', count: 2 }] });
    expect(utc.aggregates.byModel[0]).toMatchObject({ provider: 'anth', model: 'sonnet', count: 1 });
    expect(utc.totals.totalCost).toBeCloseTo((100 * 3 + 10 * 15) / 1e6, 12);
  });

  it('reads UTC offsets and finds day boundaries', () => {
    expect(parseUtcOffset('UTC+5:30')).toBe(330);
    expect(parseUtcOffset('UTC-4')).toBe(-240);
    expect(parseUtcOffset('UTC+15')).toBeUndefined();
    const zone = { kind: 'offset' as const, minutes: 330 };
    expect(dayKey(dayStart('2026-03-02', zone), zone)).toBe('2026-03-02');
    expect(dayKey(dayStart('2026-03-02', zone) - 1, zone)).toBe('2026-03-01');
  });
});
