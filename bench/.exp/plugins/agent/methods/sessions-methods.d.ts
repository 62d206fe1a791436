import { type PluginContext } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
/** `sessions.list|preview|patch|reset|delete`. */
export declare function registerSessionsMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void;
