import type { AgentTool, PluginContext, ToolRegistrar } from '../../sdk/index.js';
import type { AgentPluginConfigT } from './config-schema.js';
import type { ToolCall, Usage } from './provider/model-types.js';
import type { Run } from './run-types.js';
import type { SessionStore } from './session-store.js';
export interface ExecutorDeps {
    config: AgentPluginConfigT;
    store: SessionStore;
    tools: ToolRegistrar;
    logger: PluginContext<unknown>['logger'];
    env: NodeJS.ProcessEnv;
    workspaceDir: string;
    emit(run: Run, stream: 'assistant' | 'tool' | 'lifecycle', data: Record<string, unknown>): void;
}
export interface TurnResult {
    text: string;
    usage: Usage;
    model: string;
    clientToolCalls?: ToolCall[];
}
export declare function findAgent(config: AgentPluginConfigT, agentId: string): {
    agent: AgentPluginConfigT['agents']['list'][number] | undefined;
    index: number;
};
/** Tools the agent may use (policy applied), in a stable order. */
export declare function allowedTools(deps: Pick<ExecutorDeps, 'config' | 'tools'>, agentId: string): AgentTool[];
/**
 * One run: the user message joins the transcript, then model → tool calls → results → … until
 * the model answers without tool calls (or calls a client tool), bounded by the step limit.
 */
export declare function executeTurn(run: Run, deps: ExecutorDeps): Promise<TurnResult>;
