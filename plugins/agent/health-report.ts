import type { PluginContext } from '../../sdk/index.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { AgentPluginConfigT } from './config-schema.js';
import { periodMs } from './heartbeat/heartbeat-period.js';
import { DEFAULT_HEARTBEAT_PROMPT } from './heartbeat/heartbeat-prompt.js';
import { HeartbeatRunner } from './heartbeat/heartbeat-runner.js';
import { resolveModelChain } from './provider/model-ref.js';
import { findAgent } from './run-executor.js';

const RECENT_SESSIONS = 5;

/**
 * The agent plugin's part of `health` and `status`, in the fields the existing clients read
 * (otherwise `moltbot health` shows its own local data and the TUI's `/status` says "unknown"):
 * the agents with their heartbeat and sessions, the default agent, its heartbeat period in
 * seconds, the session store and the recent sessions.
 */
export function registerHealthReports(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const path = ctx.store.db.name;
  // `status` and `health` run on every call (clients poll them): the session reads and the model
  // chain are kept until the store or the config changes; only ages are computed per call.
  const stored = cachedUntilChange(
    () => [runtime.store.changeCounter(), ctx.config] as const,
    () => ({
      count: runtime.store.count(),
      recent: runtime.store.list({ limit: RECENT_SESSIONS }),
      byAgent: new Map(
        runtime
          .agents()
          .map((a) => [
            a.id,
            { count: runtime.store.count(a.id), recent: runtime.store.list({ limit: RECENT_SESSIONS, agentId: a.id }) },
          ]),
      ),
    }),
  );
  const defaultModel = cachedUntilChange(
    () => [ctx.config, runtime.defaultAgentId()] as const,
    (): string | null => {
      try {
        const { agent, index } = findAgent(ctx.config, runtime.defaultAgentId());
        return resolveModelChain(ctx.config, agent, index)[0]?.ref ?? null;
      } catch {
        return null;
      }
    },
  );
  const agentSessions = (agentId: string | undefined) => {
    const all = stored();
    return agentId === undefined
      ? all
      : (all.byAgent.get(agentId) ?? { count: runtime.store.count(agentId), recent: [] });
  };
  const sessionsOf = (agentId?: string) => {
    const now = Date.now();
    const { count, recent } = agentSessions(agentId);
    return {
      path,
      count,
      recent: recent.map((s) => ({ key: s.key, updatedAt: s.updatedAt, age: now - s.updatedAt })),
    };
  };
  // Heartbeats belong to the default agent's main session here.
  const heartbeatOf = (agentId: string) => {
    const hb = ctx.config.agents.defaults.heartbeat;
    const everyMs = agentId === runtime.defaultAgentId() ? periodMs(hb?.every) : 0;
    return {
      enabled: everyMs > 0,
      every: everyMs > 0 ? (hb?.every?.trim() ?? '') : 'disabled',
      everyMs: everyMs > 0 ? everyMs : null,
      prompt: hb?.prompt ?? DEFAULT_HEARTBEAT_PROMPT,
      target: hb?.target ?? 'last',
      ...(hb?.model ? { model: hb.model } : {}),
      ackMaxChars: hb?.ackMaxChars ?? 300,
    };
  };

  ctx.health.report('sessions', () => sessionsOf());
  ctx.status.section('heartbeat', () => ({
    defaultAgentId: runtime.defaultAgentId(),
    // `moltbot system heartbeat disable` until a restart (set-heartbeats).
    switchedOff: HeartbeatRunner.switchedOff,
    agents: runtime.agents().map((a) => {
      const hb = heartbeatOf(a.id);
      return { agentId: a.id, enabled: hb.enabled, every: hb.every, everyMs: hb.everyMs };
    }),
  }));
  ctx.status.section('sessions', () => {
    const now = Date.now();
    const contextTokens = ctx.config.agents.defaults.contextTokens ?? null;
    const row = (s: ReturnType<typeof runtime.store.list>[number]) => ({
      agentId: s.agentId,
      key: s.key,
      kind: /:(group|channel):/.test(s.key) ? 'group' : 'direct',
      sessionId: s.sessionId,
      updatedAt: s.updatedAt,
      age: now - s.updatedAt,
      ...(s.thinkingLevel ? { thinkingLevel: s.thinkingLevel } : {}),
      inputTokens: s.inputTokens,
      outputTokens: s.outputTokens,
      totalTokens: s.inputTokens + s.outputTokens,
      remainingTokens: null,
      percentUsed: null,
      model: s.model ?? null,
      contextTokens,
      flags: [],
    });
    const all = stored();
    return {
      paths: [path],
      count: all.count,
      defaults: { model: defaultModel(), contextTokens },
      recent: all.recent.map(row),
      byAgent: runtime.agents().map((a) => {
        const { count, recent } = agentSessions(a.id);
        return { agentId: a.id, path, count, recent: recent.map(row) };
      }),
    };
  });
  ctx.health.report('defaultAgentId', () => runtime.defaultAgentId());
  ctx.health.report('heartbeatSeconds', () => {
    const everyMs = heartbeatOf(runtime.defaultAgentId()).everyMs;
    return everyMs ? Math.round(everyMs / 1000) : 0;
  });
  ctx.health.report('agents', () =>
    runtime.agents().map((a) => ({
      agentId: a.id,
      ...(a.name ? { name: a.name } : {}),
      isDefault: a.default,
      heartbeat: heartbeatOf(a.id),
      sessions: sessionsOf(a.id),
    })),
  );
}

/**
 * `compute()`, recomputed only when one of `key()`'s parts differs (by identity) from the last call's.
 */
function cachedUntilChange<K extends readonly unknown[], V>(key: () => K, compute: () => V): () => V {
  let lastKey: K | undefined;
  let value: V;
  return () => {
    const k = key();
    if (!lastKey || k.length !== lastKey.length || k.some((part, i) => part !== lastKey![i])) {
      value = compute();
      lastKey = k;
    }
    return value;
  };
}
