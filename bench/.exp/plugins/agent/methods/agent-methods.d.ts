import { type PluginContext } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import type { RunOutcome } from '../run-types.js';
/** The final payload of a finished run, or its error (so the wire code says what happened). */
export declare function finalPayload(outcome: RunOutcome): Record<string, unknown>;
export declare function registerAgentMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void;
