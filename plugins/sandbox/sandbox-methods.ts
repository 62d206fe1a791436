import { type PluginContext, Type, toolAllowedBy } from '../../sdk/index.js';
import type { SandboxPluginConfigT } from './config-schema.js';
import { configHash } from './container-identity.js';
import { sandboxError } from './errors.js';
import type { SandboxRuntime } from './sandbox-runtime.js';
import { scopeKey } from './sandbox-settings.js';

type Ctx = PluginContext<SandboxPluginConfigT>;

/** `sandbox.explain|list|recreate`, behind `moltbot sandbox …`. */
export function registerSandboxMethods(ctx: Ctx, runtime: SandboxRuntime): void {
  const agentIds = () => {
    const list = ctx.config.agents.list ?? [];
    return list.length ? list.map((a) => a.id) : ['main'];
  };
  const defaultAgent = () => {
    const list = ctx.config.agents.list ?? [];
    return (list.find((a) => (a as { default?: boolean }).default) ?? list[0])?.id ?? 'main';
  };

  ctx.methods.register('sandbox.explain', {
    scope: 'operator.read',
    params: Type.Object(
      {
        sessionKey: Type.Optional(Type.String({ minLength: 1, maxLength: 512 })),
        agentId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
      },
      { additionalProperties: false },
    ),
    description:
      'Effective sandbox mode, scope, workspace access and tool policy of a session, with the keys that decide each.',
    handler(p) {
      const agentId = p.agentId ?? /^agent:([^:]+):/.exec(p.sessionKey ?? '')?.[1] ?? defaultAgent();
      const settings = runtime.settings(agentId);
      const mainKey = `agent:${agentId}:${settings.mainKey}`;
      const sessionKey = p.sessionKey ?? mainKey;
      const decision = runtime.decide(agentId, sessionKey);
      const agent = (ctx.config.agents.list ?? []).find((a) => a.id === agentId);
      const layers = [
        { allow: ctx.config.tools.allow, deny: ctx.config.tools.deny },
        agent?.tools && { allow: agent.tools.allow, deny: agent.tools.deny },
        decision.sandboxed ? decision.toolPolicy : undefined,
      ];
      const tools = ctx.tools
        .list()
        .map((t) => t.name)
        .sort();
      const key = scopeKey(settings.scope, agentId, sessionKey);
      return {
        agentId,
        sessionKey,
        mainSessionKey: mainKey,
        isMainSession: sessionKey === mainKey,
        sandboxed: decision.sandboxed,
        mode: settings.mode,
        scope: settings.scope,
        workspaceAccess: settings.workspaceAccess,
        workspaceRoot: settings.workspaceRoot,
        ...(decision.sandboxed
          ? {
              containerName: runtime.containers.nameFor(settings, sessionKey),
              workspaceDir: runtime.containers.workspaceDirFor(settings, key),
            }
          : {}),
        docker: {
          image: settings.docker.image,
          network: settings.docker.network,
          readOnlyRoot: settings.docker.readOnlyRoot,
          user: settings.docker.user ?? null,
          workdir: settings.docker.workdir,
        },
        toolPolicy: {
          sandbox: decision.toolPolicy,
          allowed: tools.filter((t) => toolAllowedBy(t, layers)),
          denied: tools.filter((t) => !toolAllowedBy(t, layers)),
          note: "a session's own toolsAllow/toolsDeny (sessions.patch) narrow this further",
        },
        sources: settings.sources,
      };
    },
  });

  ctx.methods.register('sandbox.list', {
    scope: 'operator.read',
    params: Type.Object({}, { additionalProperties: false }),
    description: "This gateway's sandbox containers (running or not), with whether each matches the config.",
    async handler() {
      const containers = await runtime.containers.list((info) => {
        if (!info.agentId) return undefined;
        const settings = runtime.settings(info.agentId);
        return configHash(settings, runtime.containers.workspaceDirFor(settings, info.scopeKey));
      });
      return { containers };
    },
  });

  ctx.methods.register('sandbox.recreate', {
    scope: 'operator.admin',
    params: Type.Object(
      {
        all: Type.Optional(Type.Boolean()),
        sessionKey: Type.Optional(Type.String({ minLength: 1 })),
        agentId: Type.Optional(Type.String({ minLength: 1 })),
      },
      { additionalProperties: false },
    ),
    description: "Remove sandbox containers (all, one agent's, or one session's); they are recreated on next use.",
    async handler(p) {
      if (!p.all && !p.sessionKey && !p.agentId)
        throw sandboxError('GW_ERR_SANDBOX_TARGET', 'say which containers: all, agentId or sessionKey');
      const containers = await runtime.containers.list();
      const wanted = containers.filter((c) => {
        if (p.all) return true;
        if (p.agentId && c.agentId !== p.agentId) return false;
        if (p.sessionKey) {
          const agentId = /^agent:([^:]+):/.exec(p.sessionKey)?.[1] ?? defaultAgent();
          return c.containerName === runtime.containers.nameFor(runtime.settings(agentId), p.sessionKey);
        }
        return true;
      });
      const removed: string[] = [];
      for (const c of wanted) if (await runtime.containers.remove(c.containerName)) removed.push(c.containerName);
      ctx.logger.info({ removed }, 'sandbox containers removed for recreation');
      return { removed, agents: agentIds() };
    },
  });

  ctx.methods.register('sandbox.prune', {
    scope: 'operator.admin',
    params: Type.Object({}, { additionalProperties: false }),
    description:
      'Remove containers idle or old past prune.idleHours / prune.maxAgeDays now (it also runs every 5 min).',
    async handler() {
      return { removed: await runtime.containers.prune((agentId) => runtime.settings(agentId).prune) };
    },
  });
}
