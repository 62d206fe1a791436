import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { agentError } from '../errors.js';
import { resolveRef } from '../provider/model-ref.js';
import { RunStop } from '../run-types.js';
import { agentOfKey, mainSessionKey } from '../session-keys.js';
import type { SessionRow } from '../session-store.js';

const Key = Type.String({ minLength: 1, maxLength: 256 });
/** Tool names, `*` globs or `group:<name>` entries. */
const ToolList = Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100 });

/** `sessions.list|preview|patch|reset|delete`. */
export function registerSessionsMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const canonical = (raw: string) => runtime.normalizeKey(raw, runtime.resolveAgentId(agentOfKey(raw)));
  const entry = (s: SessionRow) => {
    const lane = runtime.laneState(s.key);
    return {
      key: s.key,
      sessionId: s.sessionId,
      agentId: s.agentId,
      label: s.label,
      model: s.model,
      thinkingLevel: s.thinkingLevel,
      ...(s.toolsAllow ? { toolsAllow: s.toolsAllow } : {}),
      ...(s.toolsDeny ? { toolsDeny: s.toolsDeny } : {}),
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
  const mustExist = (key: string) => {
    const s = runtime.store.get(key);
    if (!s) throw agentError('GW_ERR_AGENT_SESSION_NOT_FOUND', `no session "${key}" (sessions.list shows the keys)`);
    return s;
  };

  ctx.methods.register('sessions.list', {
    scope: 'operator.read',
    params: Type.Object({
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      activeMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
      agentId: Type.Optional(Type.String({ minLength: 1 })),
      search: Type.Optional(Type.String({ maxLength: 256 })),
    }),
    description: 'Sessions, most recently active first.',
    handler(p) {
      const rows = runtime.store.list({
        limit: p.limit ?? 100,
        agentId: p.agentId,
        search: p.search,
        activeSinceMs: p.activeMinutes ? Date.now() - p.activeMinutes * 60_000 : undefined,
      });
      return {
        ts: Date.now(),
        count: rows.length,
        defaults: { defaultAgentId: runtime.defaultAgentId(), mainKey: runtime.mainKey },
        sessions: rows.map(entry),
      };
    },
  });

  ctx.methods.register('sessions.preview', {
    scope: 'operator.read',
    params: Type.Object({
      keys: Type.Array(Key, { minItems: 1, maxItems: 64 }),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 50 })),
      maxChars: Type.Optional(Type.Integer({ minimum: 10, maximum: 10_000 })),
    }),
    description: 'The last few messages of each session, shortened.',
    handler(p) {
      const maxChars = p.maxChars ?? 240;
      return {
        ts: Date.now(),
        previews: p.keys.map((raw) => {
          const key = canonical(raw);
          if (!runtime.store.get(key)) return { key, status: 'missing', items: [] };
          const items = runtime.store.transcript(key, p.limit ?? 6).map((m) => ({
            role: m.role,
            text: m.content.length > maxChars ? `${m.content.slice(0, maxChars - 1)}…` : m.content,
            ts: m.ts,
          }));
          return { key, status: items.length ? 'ok' : 'empty', items };
        }),
      };
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
      const s = runtime.store.patch(key, {
        label: p.label,
        model: p.model,
        thinkingLevel: p.thinkingLevel,
        toolsAllow: p.toolsAllow,
        toolsDeny: p.toolsDeny,
      })!;
      return { ok: true, key, entry: entry(s) };
    },
  });

  ctx.methods.register('sessions.reset', {
    scope: 'operator.write',
    params: Type.Object({ key: Key }, { additionalProperties: false }),
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
    params: Type.Object({ key: Key }, { additionalProperties: false }),
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
