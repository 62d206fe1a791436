import type { PluginApp, PluginContext } from '../../sdk/index.js';
import type { ResponsesHttpConfigT } from './config-schema.js';
/** `POST /v1/responses` (OpenResponses): JSON, or SSE events `response.*` when `stream:true`. */
export declare function registerResponses(app: PluginApp, ctx: PluginContext<ResponsesHttpConfigT>): void;
