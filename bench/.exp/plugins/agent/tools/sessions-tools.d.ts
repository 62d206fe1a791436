import { type AgentTool } from '../../../sdk/index.js';
import type { SessionStore } from '../session-store.js';
/** `sessions_list` and `sessions_history`: let the agent look at other conversations. */
export declare function sessionsTools(store: SessionStore): AgentTool[];
