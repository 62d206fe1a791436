import { type PluginContext } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
/** WebChat: `chat.send` (returns at once; progress as `chat` events), `chat.history`, `chat.abort`. */
export declare function registerChatMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void;
