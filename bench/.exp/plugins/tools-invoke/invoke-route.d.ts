import type { PluginApp, PluginContext } from '../../sdk/index.js';
import type { ToolsInvokeConfigT } from './config-schema.js';
/** `POST /tools/invoke {tool, action?, args?, sessionKey?, agentId?, dryRun?}` → `{ok:true, result}`. */
export declare function registerInvokeRoute(app: PluginApp, ctx: PluginContext<ToolsInvokeConfigT>): void;
