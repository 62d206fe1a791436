import type { AgentService, PluginApp, PluginContext } from '../../sdk/index.js';
import type { OpenAiHttpConfigT } from './config-schema.js';
export declare function agentService(ctx: PluginContext<OpenAiHttpConfigT>): AgentService;
/** `POST /v1/chat/completions`: one agent run, answered as an OpenAI completion or SSE chunks. */
export declare function registerChatCompletions(app: PluginApp, ctx: PluginContext<OpenAiHttpConfigT>): void;
