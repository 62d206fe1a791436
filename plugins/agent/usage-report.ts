import type { ModelConfig } from './config-schema.js';
import type { Usage } from './provider/model-types.js';

/** One transcript row as the usage reports read it. */
export interface UsageRow {
  sessionKey: string;
  role: 'user' | 'assistant' | 'tool';
  usage?: Usage;
  /** `<provider>/<model>` of an assistant message. */
  model?: string;
  toolNames: string[];
  isError: boolean;
  ts: number;
}

/** Token and cost totals (the existing clients' `CostUsageTotals`). Costs in USD. */
export interface CostTotals {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
  totalTokens: number;
  totalCost: number;
  inputCost: number;
  outputCost: number;
  cacheReadCost: number;
  cacheWriteCost: number;
  /** Assistant messages whose model has no `cost` in models.providers.*.models[]. */
  missingCostEntries: number;
}

export type PriceOf = (modelRef: string | undefined) => ModelConfig['cost'] | undefined;

export function emptyTotals(): CostTotals {
  return {
    input: 0,
    output: 0,
    cacheRead: 0,
    cacheWrite: 0,
    totalTokens: 0,
    totalCost: 0,
    inputCost: 0,
    outputCost: 0,
    cacheReadCost: 0,
    cacheWriteCost: 0,
    missingCostEntries: 0,
  };
}

/** Add one assistant message's usage, priced per million tokens by its model's `cost`. */
export function addUsage(totals: CostTotals, usage: Usage, price: ModelConfig['cost'] | undefined): void {
  const cacheRead = usage.cacheReadTokens ?? 0;
  const cacheWrite = usage.cacheWriteTokens ?? 0;
  const input = Math.max(0, usage.inputTokens - cacheRead - cacheWrite);
  totals.input += input;
  totals.output += usage.outputTokens;
  totals.cacheRead += cacheRead;
  totals.cacheWrite += cacheWrite;
  totals.totalTokens += input + usage.outputTokens + cacheRead + cacheWrite;
  if (!price) {
    totals.missingCostEntries += 1;
    return;
  }
  const inputCost = (input * price.input) / 1e6;
  const outputCost = (usage.outputTokens * price.output) / 1e6;
  const cacheReadCost = (cacheRead * price.cacheRead) / 1e6;
  const cacheWriteCost = (cacheWrite * price.cacheWrite) / 1e6;
  totals.inputCost += inputCost;
  totals.outputCost += outputCost;
  totals.cacheReadCost += cacheReadCost;
  totals.cacheWriteCost += cacheWriteCost;
  totals.totalCost += inputCost + outputCost + cacheReadCost + cacheWriteCost;
}

export function mergeTotals(into: CostTotals, from: CostTotals): void {
  for (const k of Object.keys(into) as Array<keyof CostTotals>) into[k] += from[k];
}

/**
 * How timestamps become `YYYY-MM-DD` days: the gateway's local time (`usage.cost`, and
 * `sessions.usage` mode `gateway`), UTC, or a fixed offset such as `UTC+5:30`.
 */
export type DayZone = { kind: 'local' } | { kind: 'offset'; minutes: number };

export function dayKey(ts: number, zone: DayZone): string {
  if (zone.kind === 'local') {
    const d = new Date(ts);
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  }
  return new Date(ts + zone.minutes * 60_000).toISOString().slice(0, 10);
}

/** The first millisecond of `YYYY-MM-DD` in `zone`. */
export function dayStart(day: string, zone: DayZone): number {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  if (zone.kind === 'local') return new Date(y, m - 1, d).getTime();
  return Date.UTC(y, m - 1, d) - zone.minutes * 60_000;
}

/** `UTC+5:30` → 330; undefined when malformed. */
export function parseUtcOffset(text: string): number | undefined {
  const m = /^UTC([+-])(\d{1,2})(?::([0-5]\d))?$/.exec(text);
  if (!m) return undefined;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  if (minutes > 14 * 60) return undefined;
  return m[1] === '-' ? -minutes : minutes;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** `usage.cost`: totals per day (gateway local time) and overall, like the existing `CostUsageSummary`. */
export function costSummary(rows: readonly UsageRow[], priceOf: PriceOf, days: number) {
  const daily = new Map<string, CostTotals>();
  const totals = emptyTotals();
  for (const r of rows) {
    if (r.role !== 'assistant' || !r.usage) continue;
    const day = dayKey(r.ts, { kind: 'local' });
    const bucket = daily.get(day) ?? emptyTotals();
    const price = priceOf(r.model);
    addUsage(bucket, r.usage, price);
    addUsage(totals, r.usage, price);
    daily.set(day, bucket);
  }
  return {
    updatedAt: Date.now(),
    days,
    daily: [...daily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, t]) => ({ date, ...t })),
    totals,
  };
}

interface SessionTally {
  totals: CostTotals;
  first?: number;
  last?: number;
  days: Map<string, { tokens: number; cost: number }>;
  messages: { total: number; user: number; assistant: number; toolCalls: number; toolResults: number; errors: number };
  tools: Map<string, number>;
  models: Map<string, { count: number; totals: CostTotals }>;
}

function newTally(): SessionTally {
  return {
    totals: emptyTotals(),
    days: new Map(),
    messages: { total: 0, user: 0, assistant: 0, toolCalls: 0, toolResults: 0, errors: 0 },
    tools: new Map(),
    models: new Map(),
  };
}

/** `sessions.usage`: per-session usage and the aggregates the existing usage screens show. */
export function sessionsUsage(
  rows: readonly UsageRow[],
  sessions: ReadonlyArray<{
    key: string;
    label?: string;
    sessionId: string;
    updatedAt: number;
    agentId: string;
    channel?: string;
    model?: string;
  }>,
  priceOf: PriceOf,
  zone: DayZone,
  range: { startDate: string; endDate: string; limit: number },
) {
  const bySession = new Map<string, SessionTally>();
  const daily = new Map<
    string,
    { tokens: number; cost: number; messages: number; toolCalls: number; errors: number }
  >();
  for (const r of rows) {
    const t = bySession.get(r.sessionKey) ?? newTally();
    bySession.set(r.sessionKey, t);
    const day = dayKey(r.ts, zone);
    const d = daily.get(day) ?? { tokens: 0, cost: 0, messages: 0, toolCalls: 0, errors: 0 };
    daily.set(day, d);
    t.first = Math.min(t.first ?? r.ts, r.ts);
    t.last = Math.max(t.last ?? r.ts, r.ts);
    t.messages.total += 1;
    d.messages += 1;
    if (r.role === 'user') t.messages.user += 1;
    else if (r.role === 'tool') {
      t.messages.toolResults += 1;
      if (r.isError) {
        t.messages.errors += 1;
        d.errors += 1;
      }
    } else {
      t.messages.assistant += 1;
      t.messages.toolCalls += r.toolNames.length;
      d.toolCalls += r.toolNames.length;
      for (const name of r.toolNames) t.tools.set(name, (t.tools.get(name) ?? 0) + 1);
    }
    if (r.role !== 'assistant' || !r.usage) continue;
    const price = priceOf(r.model);
    const before = t.totals.totalTokens;
    const costBefore = t.totals.totalCost;
    addUsage(t.totals, r.usage, price);
    const tokens = t.totals.totalTokens - before;
    const cost = t.totals.totalCost - costBefore;
    const dayTally = t.days.get(day) ?? { tokens: 0, cost: 0 };
    dayTally.tokens += tokens;
    dayTally.cost += cost;
    t.days.set(day, dayTally);
    d.tokens += tokens;
    d.cost += cost;
    const m = t.models.get(r.model ?? '') ?? { count: 0, totals: emptyTotals() };
    m.count += 1;
    addUsage(m.totals, r.usage, price);
    t.models.set(r.model ?? '', m);
  }

  const meta = new Map(sessions.map((s) => [s.key, s]));
  const entries = [...bySession.entries()]
    .sort(([, a], [, b]) => (b.last ?? 0) - (a.last ?? 0))
    .slice(0, range.limit)
    .map(([key, t]) => {
      const s = meta.get(key);
      const slash = s?.model?.indexOf('/') ?? -1;
      return {
        key,
        ...(s?.label ? { label: s.label } : {}),
        ...(s ? { sessionId: s.sessionId, updatedAt: s.updatedAt, agentId: s.agentId } : {}),
        ...(s?.channel ? { channel: s.channel } : {}),
        ...(s?.model && slash > 0
          ? { modelProvider: s.model.slice(0, slash), model: s.model.slice(slash + 1), modelOverride: s.model }
          : {}),
        usage: {
          ...t.totals,
          sessionId: s?.sessionId,
          firstActivity: t.first,
          lastActivity: t.last,
          durationMs: t.first !== undefined && t.last !== undefined ? t.last - t.first : undefined,
          activityDates: [...t.days.keys()].sort(),
          dailyBreakdown: [...t.days.entries()]
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([date, v]) => ({ date, ...v })),
          messageCounts: t.messages,
          toolUsage: toolUsage(t.tools),
          modelUsage: modelUsage(t.models),
        },
      };
    });

  const totals = emptyTotals();
  const messages = { total: 0, user: 0, assistant: 0, toolCalls: 0, toolResults: 0, errors: 0 };
  const tools = new Map<string, number>();
  const models = new Map<string, { count: number; totals: CostTotals }>();
  const byAgent = new Map<string, CostTotals>();
  const byChannel = new Map<string, CostTotals>();
  for (const [key, t] of bySession) {
    mergeTotals(totals, t.totals);
    for (const k of Object.keys(messages) as Array<keyof typeof messages>) messages[k] += t.messages[k];
    for (const [name, n] of t.tools) tools.set(name, (tools.get(name) ?? 0) + n);
    for (const [ref, m] of t.models) {
      const cur = models.get(ref) ?? { count: 0, totals: emptyTotals() };
      cur.count += m.count;
      mergeTotals(cur.totals, m.totals);
      models.set(ref, cur);
    }
    const s = meta.get(key);
    for (const [map, k] of [
      [byAgent, s?.agentId ?? 'unknown'],
      [byChannel, s?.channel ?? 'direct'],
    ] as const) {
      const cur = map.get(k) ?? emptyTotals();
      mergeTotals(cur, t.totals);
      map.set(k, cur);
    }
  }
  const providers = new Map<string, { count: number; totals: CostTotals }>();
  for (const [ref, m] of models) {
    const provider = ref.split('/')[0] ?? '';
    const cur = providers.get(provider) ?? { count: 0, totals: emptyTotals() };
    cur.count += m.count;
    mergeTotals(cur.totals, m.totals);
    providers.set(provider, cur);
  }
  return {
    updatedAt: Date.now(),
    startDate: range.startDate,
    endDate: range.endDate,
    sessions: entries,
    totals,
    aggregates: {
      messages,
      tools: toolUsage(tools),
      byModel: modelUsage(models),
      byProvider: [...providers.entries()].map(([provider, m]) => ({ provider, count: m.count, totals: m.totals })),
      byAgent: [...byAgent.entries()].map(([agentId, t]) => ({ agentId, totals: t })),
      byChannel: [...byChannel.entries()].map(([channel, t]) => ({ channel, totals: t })),
      daily: [...daily.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([date, v]) => ({ date, ...v })),
    },
  };
}

function toolUsage(tools: Map<string, number>) {
  const list = [...tools.entries()].sort((a, b) => b[1] - a[1]).map(([name, count]) => ({ name, count }));
  return { totalCalls: list.reduce((n, t) => n + t.count, 0), uniqueTools: list.length, tools: list };
}

function modelUsage(models: Map<string, { count: number; totals: CostTotals }>) {
  return [...models.entries()].map(([ref, m]) => {
    const slash = ref.indexOf('/');
    return {
      ...(slash > 0 ? { provider: ref.slice(0, slash), model: ref.slice(slash + 1) } : {}),
      count: m.count,
      totals: m.totals,
    };
  });
}
