import type { ToolPolicyConfig } from './config-schema.js';

function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (!pattern.includes('*')) return pattern === name;
  const re = new RegExp(
    `^${pattern
      .split('*')
      .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
  return re.test(name);
}

/**
 * Whether an agent may use a tool: the global policy (`tools.allow`/`tools.deny`) and the agent's
 * own (`agents.list[].tools`) both apply; deny wins; an absent allow list allows everything.
 */
export function toolAllowed(name: string, global: ToolPolicyConfig, agent: ToolPolicyConfig | undefined): boolean {
  for (const policy of [global, agent ?? {}]) {
    if (policy.deny?.some((p) => matches(p, name))) return false;
    if (policy.allow && !policy.allow.some((p) => matches(p, name))) return false;
  }
  return true;
}

export { matches as toolNameMatches };
