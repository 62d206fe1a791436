import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { resolveModelChain } from '../provider/model-ref.js';
import { findAgent } from '../run-executor.js';
import { agentOfKey } from '../session-keys.js';

/**
 * `agents.list`, `agent.identity.get`, `models.list`: what the existing clients show in their
 * agent and model pickers, in the result shapes they read.
 */
export function registerCatalogMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const identityOf = (agentId: string) => findAgent(ctx.config, agentId).agent?.identity;

  ctx.methods.register('agents.list', {
    scope: 'operator.read',
    params: Type.Object({}, { additionalProperties: false }),
    description: 'The configured agents: {defaultId, mainKey, scope, agents:[{id, name?, identity?, model?}]}.',
    handler: () => ({
      defaultId: runtime.defaultAgentId(),
      mainKey: runtime.mainKey,
      // Existing clients know "per-sender" (sessions per chat) and "global" (one session for
      // everything); sessions here are always per chat (session.dmScope decides DMs).
      scope: 'per-sender',
      agents: runtime.agents().map((a) => {
        const { agent, index } = findAgent(ctx.config, a.id);
        const identity = agent?.identity;
        return {
          id: a.id,
          ...(a.name ? { name: a.name } : {}),
          ...(identity && Object.keys(identity).length ? { identity } : {}),
          ...(agent?.workspace ? { workspace: agent.workspace } : {}),
          ...modelOf(ctx.config, agent, index),
          default: a.default,
        };
      }),
    }),
  });

  ctx.methods.register('agent.identity.get', {
    scope: 'operator.read',
    params: Type.Object(
      { agentId: Type.Optional(Type.String({ minLength: 1 })), sessionKey: Type.Optional(Type.String()) },
      { additionalProperties: false },
    ),
    description: "An agent's name, avatar and emoji (by id, or the agent of a session key).",
    handler: (p) => {
      const agentId = runtime.resolveAgentId(p.agentId ?? (p.sessionKey ? agentOfKey(p.sessionKey) : undefined));
      const listed = runtime.agents().find((a) => a.id === agentId);
      const identity = identityOf(agentId);
      const name = identity?.name ?? listed?.name;
      return {
        agentId,
        ...(name ? { name } : {}),
        ...(identity?.avatar ? { avatar: identity.avatar } : {}),
        ...(identity?.emoji ? { emoji: identity.emoji } : {}),
      };
    },
  });

  ctx.methods.register('models.list', {
    scope: 'operator.read',
    params: Type.Object(
      {
        // Newer clients' view switch; every model here is a configured one.
        view: Type.Optional(Type.Union([Type.Literal('default'), Type.Literal('configured'), Type.Literal('all')])),
      },
      { additionalProperties: false },
    ),
    description: 'The models of models.providers: {models:[{id, name, provider, contextWindow?, reasoning?, input?}]}.',
    handler: () => ({
      models: Object.entries(ctx.config.models.providers ?? {}).flatMap(([provider, p]) =>
        p.models.map((m) => ({
          id: m.id,
          name: m.name ?? m.id,
          provider,
          ...(m.contextWindow ? { contextWindow: m.contextWindow } : {}),
          ...(m.reasoning !== undefined ? { reasoning: m.reasoning } : {}),
          ...(m.input ? { input: m.input } : {}),
          ref: `${provider}/${m.id}`,
        })),
      ),
    }),
  });
}

/** `model: {primary, fallbacks}` as the agent resolves it (absent when no provider is set up). */
function modelOf(
  config: AgentPluginConfigT,
  agent: ReturnType<typeof findAgent>['agent'],
  index: number,
): { model?: { primary: string; fallbacks?: string[] } } {
  try {
    const [primary, ...fallbacks] = resolveModelChain(config, agent, index).map((m) => m.ref);
    return primary ? { model: { primary, ...(fallbacks.length ? { fallbacks } : {}) } } : {};
  } catch {
    return {};
  }
}
