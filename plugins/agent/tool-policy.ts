import { type SandboxDecision, type ToolPolicy, toolAllowedBy, toolNameMatches } from '../../sdk/index.js';
import type { ToolPolicyConfig } from './config-schema.js';

/**
 * Whether an agent may use a tool: the global policy (`tools.allow`/`tools.deny`) and the agent's
 * own (`agents.list[].tools`) both apply; deny wins; an absent allow list allows everything.
 * Lists take names, `*` globs and groups (`group:fs`, `group:runtime`, `group:web`, …).
 */
export function toolAllowed(name: string, global: ToolPolicyConfig, agent: ToolPolicyConfig | undefined): boolean {
  return toolAllowedBy(name, [global, agent]);
}

/**
 * Every layer that decides a session's tools, each able only to take tools away: the global
 * policy, the agent's, the session's own override (`sessions.patch` `toolsAllow`/`toolsDeny`),
 * and, when the session runs in a sandbox, the sandbox tool policy.
 */
export function sessionPolicyLayers(input: {
  global: ToolPolicyConfig;
  agent?: ToolPolicyConfig;
  session?: ToolPolicy;
  sandbox?: SandboxDecision;
}): ToolPolicy[] {
  const layers: ToolPolicy[] = [input.global];
  if (input.agent) layers.push(input.agent);
  if (input.session) layers.push(input.session);
  if (input.sandbox?.sandboxed) layers.push(input.sandbox.toolPolicy);
  return layers;
}

export { toolNameMatches };
