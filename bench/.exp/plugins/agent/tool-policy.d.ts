import type { ToolPolicyConfig } from './config-schema.js';
declare function matches(pattern: string, name: string): boolean;
/**
 * Whether an agent may use a tool: the global policy (`tools.allow`/`tools.deny`) and the agent's
 * own (`agents.list[].tools`) both apply; deny wins; an absent allow list allows everything.
 */
export declare function toolAllowed(name: string, global: ToolPolicyConfig, agent: ToolPolicyConfig | undefined): boolean;
export { matches as toolNameMatches };
