import type { PluginApp, PluginContext } from '../../sdk/index.js';
import type { OpenAiHttpConfigT } from './config-schema.js';
/** `GET /v1/models` (and `/v1/models/:id`): the agents, as `moltbot:<agentId>` models. */
export declare function registerModels(app: PluginApp, ctx: PluginContext<OpenAiHttpConfigT>): void;
