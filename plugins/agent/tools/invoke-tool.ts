import { type AgentService, type PluginContext, toolAllowedBy } from '../../../sdk/index.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { agentError } from '../errors.js';
import { findAgent } from '../run-executor.js';
import type { SessionStore } from '../session-store.js';
import { expandHome } from '../system-prompt.js';
import { sessionPolicyLayers, toolNameMatches } from '../tool-policy.js';
import { executeTool, validateToolArgs } from './tool-runner.js';

type InvokeRequest = Parameters<NonNullable<AgentService['invokeTool']>>[0];

interface AgentLookup {
  resolveAgentId(agentId: string | undefined): string;
  normalizeKey(raw: string | undefined, agentId: string): string;
  readonly store: SessionStore;
}

/**
 * A tool call from outside a model turn (`POST /tools/invoke`): the agent's tool policy applies;
 * over HTTP, tools marked dangerous (they change the gateway or reach outside) are refused unless
 * listed in `allowDangerous` (`gateway.http.toolsInvoke.allow`). A refused tool looks unknown.
 */
export async function invokeToolOutside(
  agents: AgentLookup,
  ctx: PluginContext<AgentPluginConfigT>,
  req: InvokeRequest,
): Promise<unknown> {
  const agentId = agents.resolveAgentId(req.agentId);
  const sessionKey = agents.normalizeKey(req.sessionKey, agentId);
  const tool = ctx.tools.get(req.tool);
  const { agent } = findAgent(ctx.config, agentId);
  const session = agents.store.get(sessionKey);
  const layers = sessionPolicyLayers({
    global: ctx.config.tools,
    agent: agent?.tools,
    session: session && { allow: session.toolsAllow, deny: session.toolsDeny },
    sandbox: ctx.services.get('sandbox')?.decide(agentId, sessionKey),
  });
  if (!tool || !toolAllowedBy(tool.name, layers)) {
    throw agentError(
      'GW_ERR_AGENT_TOOL_NOT_FOUND',
      `tool "${req.tool}" does not exist or is not allowed for agent ${agentId} (tools.allow / tools.deny / ` +
        "agents.list[].tools, the session's toolsAllow/toolsDeny, the sandbox tool policy)",
    );
  }
  if (req.via === 'http' && tool.dangerous && !(req.allowDangerous ?? []).some((p) => toolNameMatches(p, tool.name))) {
    throw agentError(
      'GW_ERR_AGENT_TOOL_DENIED',
      `tool "${req.tool}" is not available over HTTP: it changes the gateway or reaches outside; list it in ` +
        'gateway.http.toolsInvoke.allow to permit it',
    );
  }
  const args = req.args ?? {};
  if (req.dryRun) {
    validateToolArgs(tool, args);
    return { dryRun: true, tool: tool.name, valid: true };
  }
  const workspaceDir = expandHome(agent?.workspace ?? ctx.config.agents.defaults.workspace ?? ctx.paths.workspaceDir);
  return await executeTool(tool, args, {
    agentId,
    sessionKey,
    via: req.via,
    signal: req.signal ?? ctx.lease.signal,
    workspaceDir,
  });
}
