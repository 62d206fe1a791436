import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { agentError } from '../errors.js';
import { resolveModelChain, resolveRef } from '../provider/model-ref.js';
import { findAgent } from '../run-executor.js';
import { RunStop } from '../run-types.js';
import { agentOfKey, mainSessionKey } from '../session-keys.js';
import type { SessionRow } from '../session-store.js';

const Key = Type.String({ minLength: 1, maxLength: 256 });
/** Tool names, `*` globs or `group:<name>` entries. */
const ToolList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 });

/** A setting existing clients patch: a string, or null to clear it. */
const Setting = Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 64 }), Type.Null()]));

/**
 * `sessions.patch` fields of the existing clients that are kept with the session and shown in
 * its row, without an effect of their own here (docs/compatibility.md).
 */
const KEPT_SETTINGS = [
  'verboseLevel',
  'reasoningLevel',
  'responseUsage',
  'elevatedLevel',
  'execHost',
  'execSecurity',
  'execAsk',
  'execNode',
  'sendPolicy',
  'groupActivation',
  'spawnedBy',
] as const;

/** `direct` for a main or DM session, `group` for a group or thread (GatewaySessionRow.kind). */
function sessionKind(key: string): 'direct' | 'group' {
  return /:(group|channel):/.test(key) ? 'group' : 'direct';
}

function shorten(text: string, max: number): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > max ? `${one.slice(0, max - 1)}…` : one;
}

/** `sessions.list|preview|patch|reset|delete`. */
export function registerSessionsMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const canonical = (raw: string) => runtime.normalizeKey(raw, runtime.resolveAgentId(agentOfKey(raw)));
  const entry = (s: SessionRow, extra: { derivedTitle?: string; lastMessagePreview?: string } = {}) => {
    const lane = runtime.laneState(s.key);
    return {
      key: s.key,
      // The fields existing clients read (GatewaySessionRow), then ours.
      kind: sessionKind(s.key),
      displayName: s.label ?? s.key,
      ...extra,
      sessionId: s.sessionId,
      agentId: s.agentId,
      label: s.label,
      // The whole "<provider>/<model>" ref, and no modelProvider: existing clients show
      // `modelProvider/model` when both are set and `model` alone otherwise.
      model: s.model,
      thinkingLevel: s.thinkingLevel,
      ...(s.toolsAllow ? { toolsAllow: s.toolsAllow } : {}),
      ...(s.toolsDeny ? { toolsDeny: s.toolsDeny } : {}),
      ...s.settings,
      channel: s.channel,
      createdAt: s.createdAt,
      updatedAt: s.updatedAt,
      inputTokens: s.inputTokens,
      outputTokens: s.outputTokens,
      totalTokens: s.inputTokens + s.outputTokens,
      messageCount: s.messageCount,
      running: lane.running !== undefined,
      queued: lane.waiting,
    };
  };
  /** The default agent's primary model ref, when one resolves. */
  const defaultModelRef = (): string | undefined => {
    try {
      const { agent, index } = findAgent(ctx.config, runtime.defaultAgentId());
      return resolveModelChain(ctx.config, agent, index)[0]?.ref;
    } catch {
      return undefined;
    }
  };
  /** `includeDerivedTitles` / `includeLastMessage`: the first user message and the newest text. */
  const summaryOf = (key: string, p: { includeDerivedTitles?: boolean; includeLastMessage?: boolean }) => {
    const out: { derivedTitle?: string; lastMessagePreview?: string } = {};
    if (p.includeDerivedTitles) {
      const first = runtime.store.firstUserMessage(key);
      if (first) out.derivedTitle = shorten(first, 60);
    }
    if (p.includeLastMessage) {
      const last = runtime.store
        .transcript(key, 4)
        .filter((m) => m.role !== 'tool' && m.content)
        .at(-1);
      if (last) out.lastMessagePreview = shorten(last.content, 120);
    }
    return out;
  };
  const mustExist = (key: string) => {
    const s = runtime.store.get(key);
    if (!s) throw agentError('GW_ERR_AGENT_SESSION_NOT_FOUND', `no session "${key}" (sessions.list shows the keys)`);
    return s;
  };

  const noSession = (what: string) =>
    agentError('GW_ERR_AGENT_SESSION_NOT_FOUND', `no session ${what} (sessions.list shows the keys)`);

  const SESSION_STORE_PATH = ctx.store.db.name;

  ctx.methods.register('sessions.list', {
    scope: 'operator.read',
    params: Type.Object(
      {
        limit: Type.Optional(Type.Integer({ minimum: 1 })),
        activeMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
        agentId: Type.Optional(Type.String({ minLength: 1 })),
        search: Type.Optional(Type.String({ maxLength: 256 })),
        label: Type.Optional(Type.String({ maxLength: 200 })),
        // Existing clients' switches: every session here belongs to an agent, so "global" and
        // "unknown" sessions do not exist and these change nothing.
        includeGlobal: Type.Optional(Type.Boolean()),
        includeUnknown: Type.Optional(Type.Boolean()),
        spawnedBy: Type.Optional(Type.String()),
        includeDerivedTitles: Type.Optional(Type.Boolean()),
        includeLastMessage: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    description: 'Sessions, most recently active first.',
    handler(p) {
      const rows = runtime.store
        .list({
          limit: Math.min(p.limit ?? 100, 1000),
          agentId: p.agentId,
          search: p.search,
          label: p.label,
          activeSinceMs: p.activeMinutes ? Date.now() - p.activeMinutes * 60_000 : undefined,
        })
        .filter((s) => p.spawnedBy === undefined || s.settings.spawnedBy === p.spawnedBy);
      const primary = defaultModelRef();
      return {
        ts: Date.now(),
        path: SESSION_STORE_PATH,
        count: rows.length,
        defaults: {
          defaultAgentId: runtime.defaultAgentId(),
          mainKey: runtime.mainKey,
          modelProvider: null,
          model: primary ?? null,
          contextTokens: ctx.config.agents.defaults.contextTokens ?? null,
        },
        sessions: rows.map((s) => entry(s, summaryOf(s.key, p))),
      };
    },
  });

  ctx.methods.register('sessions.preview', {
    scope: 'operator.read',
    params: Type.Object(
      {
        keys: Type.Array(Key, { minItems: 1, maxItems: 64 }),
        /** Larger values are cut to 50 messages and 10000 characters. */
        limit: Type.Optional(Type.Integer({ minimum: 1 })),
        maxChars: Type.Optional(Type.Integer({ minimum: 10 })),
      },
      { additionalProperties: false },
    ),
    description: 'The last few messages of each session, shortened.',
    handler(p) {
      const maxChars = Math.min(p.maxChars ?? 240, 10_000);
      return {
        ts: Date.now(),
        previews: p.keys.map((raw) => {
          const key = canonical(raw);
          if (!runtime.store.get(key)) return { key, status: 'missing', items: [] };
          const items = runtime.store.transcript(key, Math.min(p.limit ?? 6, 50)).map((m) => ({
            role: m.role,
            text: m.content.length > maxChars ? `${m.content.slice(0, maxChars - 1)}…` : m.content,
            ts: m.ts,
          }));
          return { key, status: items.length ? 'ok' : 'empty', items };
        }),
      };
    },
  });

  ctx.methods.register('sessions.resolve', {
    scope: 'operator.read',
    params: Type.Object(
      {
        key: Type.Optional(Key),
        sessionId: Type.Optional(Key),
        label: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
        agentId: Type.Optional(Type.String({ minLength: 1 })),
        spawnedBy: Type.Optional(Type.String()),
        // As in sessions.list: every session here belongs to an agent.
        includeGlobal: Type.Optional(Type.Boolean()),
        includeUnknown: Type.Optional(Type.Boolean()),
      },
      { additionalProperties: false },
    ),
    description: 'The key of an existing session named by exactly one of key, sessionId or label: {ok, key}.',
    handler(p) {
      const given = (['key', 'sessionId', 'label'] as const).filter((f) => p[f]?.trim());
      if (given.length !== 1)
        throw agentError(
          'GW_ERR_AGENT_SESSION_INVALID',
          'sessions.resolve takes exactly one of key, sessionId or label ' +
            `(got ${given.length ? given.join(' and ') : 'none'})`,
        );
      const spawnedBy = (s: { settings: Record<string, string> }) =>
        p.spawnedBy === undefined || s.settings.spawnedBy === p.spawnedBy;
      const agentOk = (s: { agentId: string }) => p.agentId === undefined || s.agentId === p.agentId;
      if (p.key?.trim()) {
        const s = mustExist(canonical(p.key.trim()));
        if (!spawnedBy(s) || !agentOk(s)) throw noSession(p.key.trim());
        return { ok: true, key: s.key };
      }
      if (p.sessionId?.trim()) {
        const id = p.sessionId.trim();
        // The agent tools pass whatever the model gave: a session id, or a key.
        const key = runtime.store.keyOfSessionId(id) ?? canonical(id);
        const s = runtime.store.get(key);
        if (!s || !spawnedBy(s) || !agentOk(s)) throw noSession(id);
        return { ok: true, key: s.key };
      }
      const label = p.label!.trim();
      const rows = runtime.store
        .list({ limit: 1000, agentId: p.agentId, label })
        .filter(spawnedBy)
        .map((s) => s.key);
      if (rows.length === 0) throw noSession(`with label "${label}"`);
      if (rows.length > 1)
        throw agentError(
          'GW_ERR_AGENT_SESSION_INVALID',
          `${rows.length} sessions have the label "${label}" (${rows.slice(0, 5).join(', ')}); ` +
            'name one by key, or give agentId',
        );
      return { ok: true, key: rows[0] };
    },
  });

  ctx.methods.register('sessions.patch', {
    scope: 'operator.write',
    params: Type.Object(
      {
        key: Key,
        label: Type.Optional(Type.Union([Type.String({ maxLength: 200 }), Type.Null()])),
        model: Type.Optional(Type.Union([Type.String({ minLength: 3 }), Type.Null()])),
        thinkingLevel: Type.Optional(Type.Union([Type.String({ maxLength: 32 }), Type.Null()])),
        toolsAllow: Type.Optional(Type.Union([ToolList, Type.Null()])),
        toolsDeny: Type.Optional(Type.Union([ToolList, Type.Null()])),
        ...Object.fromEntries(KEPT_SETTINGS.map((k) => [k, Setting])),
      },
      { additionalProperties: false },
    ),
    description:
      'Change a session\'s label, model ("<provider>/<model>", null = agent default), thinking level, ' +
      'or its own tool policy layer (toolsAllow/toolsDeny: names, globs, group:…; it only narrows the config policy).',
    handler(p) {
      const key = canonical(p.key);
      if (typeof p.model === 'string') resolveRef(ctx.config, p.model, 'model');
      const agentId = runtime.resolveAgentId(agentOfKey(key));
      runtime.store.ensure(key, agentId);
      const settings: Record<string, string | null> = {};
      for (const k of KEPT_SETTINGS) {
        const v = (p as Record<string, unknown>)[k];
        if (v !== undefined) settings[k] = v as string | null;
      }
      const s = runtime.store.patch(key, {
        label: p.label,
        model: p.model,
        thinkingLevel: p.thinkingLevel,
        toolsAllow: p.toolsAllow,
        toolsDeny: p.toolsDeny,
        settings,
      })!;
      return { ok: true, key, entry: entry(s) };
    },
  });

  ctx.methods.register('sessions.reset', {
    scope: 'operator.write',
    params: Type.Object(
      { key: Key, reason: Type.Optional(Type.Union([Type.Literal('new'), Type.Literal('reset')])) },
      { additionalProperties: false },
    ),
    description: 'Start the session afresh (new session id, empty transcript); running runs are aborted.',
    handler(p) {
      const key = canonical(p.key);
      mustExist(key);
      runtime.abortSession(key, new RunStop('abort', 'the session was reset'));
      const s = runtime.store.reset(key)!;
      return { ok: true, key, entry: entry(s) };
    },
  });

  ctx.methods.register('sessions.delete', {
    scope: 'operator.admin',
    // The transcript always goes with the session here; `deleteTranscript` is the existing clients' switch.
    params: Type.Object({ key: Key, deleteTranscript: Type.Optional(Type.Boolean()) }, { additionalProperties: false }),
    description: 'Delete a session and its transcript (the main session can only be reset).',
    handler(p) {
      const key = canonical(p.key);
      const agentId = agentOfKey(key) ?? runtime.defaultAgentId();
      if (key === mainSessionKey(agentId, runtime.mainKey)) {
        throw agentError(
          'GW_ERR_AGENT_SESSION_INVALID',
          `${key} is the main session and cannot be deleted; use sessions.reset to clear it`,
        );
      }
      mustExist(key);
      runtime.abortSession(key, new RunStop('abort', 'the session was deleted'));
      return { ok: true, key, deleted: runtime.store.delete(key) };
    },
  });
}
