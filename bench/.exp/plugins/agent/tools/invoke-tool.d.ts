import type { AgentService, PluginContext } from '../../../sdk/index.js';
import type { AgentPluginConfigT } from '../config-schema.js';
type InvokeRequest = Parameters<NonNullable<AgentService['invokeTool']>>[0];
interface AgentLookup {
    resolveAgentId(agentId: string | undefined): string;
    normalizeKey(raw: string | undefined, agentId: string): string;
}
/**
 * A tool call from outside a model turn (`POST /tools/invoke`): the agent's tool policy applies;
 * over HTTP, tools marked dangerous (they change the gateway or reach outside) are refused unless
 * listed in `allowDangerous` (`gateway.http.toolsInvoke.allow`). A refused tool looks unknown.
 */
export declare function invokeToolOutside(agents: AgentLookup, ctx: PluginContext<AgentPluginConfigT>, req: InvokeRequest): Promise<unknown>;
export {};
