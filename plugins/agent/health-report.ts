import type { PluginContext } from '../../sdk/index.js';
import type { AgentRuntime } from './agent-runtime.js';
import type { AgentPluginConfigT } from './config-schema.js';
import { periodMs } from './heartbeat/heartbeat-period.js';
import { DEFAULT_HEARTBEAT_PROMPT } from './heartbeat/heartbeat-prompt.js';

const RECENT_SESSIONS = 5;

/**
 * The agent plugin's part of `health`, in the fields the existing CLI's `moltbot health` reads
 * (otherwise it shows its own local data): the agents with their heartbeat and sessions, the
 * default agent, its heartbeat period in seconds, and the session store.
 */
export function registerHealthReports(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const path = ctx.store.db.name;
  const sessionsOf = (agentId?: string) => {
    const now = Date.now();
    return {
      path,
      count: runtime.store.count(agentId),
      recent: runtime.store.list({ limit: RECENT_SESSIONS, agentId }).map((s) => ({
        key: s.key,
        updatedAt: s.updatedAt,
        age: now - s.updatedAt,
      })),
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
