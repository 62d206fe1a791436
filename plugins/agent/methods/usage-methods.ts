import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { agentError } from '../errors.js';
import { agentOfKey } from '../session-keys.js';
import {
  costSummary,
  type DayZone,
  dayKey,
  dayStart,
  type PriceOf,
  parseUtcOffset,
  sessionsUsage,
} from '../usage-report.js';

const DAY_MS = 86_400_000;
const Day = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' });

/**
 * `usage.cost` and `sessions.usage`: token use and cost from the transcripts, priced with
 * `models.providers.<p>.models[].cost` (USD per million tokens) of the model that answered.
 */
export function registerUsageMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const priceOf: PriceOf = (ref) => {
    if (!ref) return undefined;
    const slash = ref.indexOf('/');
    return ctx.config.models.providers?.[ref.slice(0, slash)]?.models.find((m) => m.id === ref.slice(slash + 1))?.cost;
  };

  ctx.methods.register('usage.cost', {
    scope: 'operator.read',
    params: Type.Object(
      {
        days: Type.Optional(
          Type.Union([Type.Integer({ minimum: 1, maximum: 3650 }), Type.String({ pattern: '^\\d{1,4}$' })]),
        ),
      },
      { additionalProperties: false },
    ),
    description:
      'Tokens and cost per day (gateway local time) over the last `days` (default 30): {days, daily, totals}.',
    handler: (p) => {
      const days = Math.max(1, Math.min(3650, Number(p.days ?? 30)));
      const today = dayKey(Date.now(), { kind: 'local' });
      const since = dayStart(today, { kind: 'local' }) - (days - 1) * DAY_MS;
      return costSummary(runtime.store.usageRows(since, Date.now() + 1), priceOf, days);
    },
  });

  ctx.methods.register('sessions.usage', {
    scope: 'operator.read',
    params: Type.Object(
      {
        key: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
        startDate: Type.Optional(Day),
        endDate: Type.Optional(Day),
        mode: Type.Optional(Type.Union([Type.Literal('utc'), Type.Literal('gateway'), Type.Literal('specific')])),
        utcOffset: Type.Optional(Type.String({ pattern: '^UTC[+-]\\d{1,2}(?::[0-5]\\d)?$' })),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
        /** Newer clients ask for the system prompt's weight; not reported here. */
        includeContextWeight: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    description: 'Per-session tokens, cost, messages, tools and models between two dates, with aggregates.',
    handler: (p) => {
      const zone = zoneOf(p.mode, p.utcOffset);
      const endDate = p.endDate ?? dayKey(Date.now(), zone);
      const startDate = p.startDate ?? dayKey(dayStart(endDate, zone) - 29 * DAY_MS, zone);
      if (startDate > endDate)
        throw agentError('GW_ERR_AGENT_SESSION_INVALID', `startDate ${startDate} is after endDate ${endDate}`);
      const key = p.key ? runtime.normalizeKey(p.key, runtime.resolveAgentId(agentOfKey(p.key))) : undefined;
      const rows = runtime.store.usageRows(dayStart(startDate, zone), dayStart(endDate, zone) + DAY_MS, key);
      const keys = new Set(rows.map((r) => r.sessionKey));
      const sessions = [...keys].flatMap((k) => runtime.store.get(k) ?? []);
      return sessionsUsage(rows, sessions, priceOf, zone, { startDate, endDate, limit: p.limit ?? 50 });
    },
  });
}

function zoneOf(mode: 'utc' | 'gateway' | 'specific' | undefined, utcOffset: string | undefined): DayZone {
  if (mode === 'gateway') return { kind: 'local' };
  if (mode === 'specific') {
    const minutes = utcOffset ? parseUtcOffset(utcOffset) : undefined;
    if (minutes === undefined)
      throw agentError(
        'GW_ERR_AGENT_SESSION_INVALID',
        'mode "specific" needs utcOffset such as "UTC+5:30" (at most ±14 h)',
      );
    return { kind: 'offset', minutes };
  }
  return { kind: 'offset', minutes: 0 };
}
