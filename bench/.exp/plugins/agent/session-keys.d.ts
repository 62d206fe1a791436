import type { AgentRunOrigin } from '../../sdk/index.js';
/** `agent:<agentId>:<mainKey>` — the agent's main session; DMs go there by default. */
export declare function mainSessionKey(agentId: string, mainKey: string): string;
/**
 * Session key for a channel message. DMs → the main session (`session.dmScope: "main"`) or one
 * per sender (`per-peer`: `agent:<id>:<channel>:dm:<senderId>`); groups → one per group
 * (`agent:<id>:<channel>:group:<chatId>`), with `:thread:<threadId>` for forum topics.
 */
export declare function sessionKeyForOrigin(origin: AgentRunOrigin, agentId: string, mainKey: string, dmScope: string): string;
/** The agent a session key belongs to (`agent:<id>:…`), if it names one. */
export declare function agentOfKey(key: string): string | undefined;
/**
 * A client-supplied key made canonical: `main` (or the configured main key) → the agent's
 * main session; a key without the `agent:` prefix is scoped to the agent.
 */
export declare function normalizeSessionKey(raw: string | undefined, agentId: string, mainKey: string): string;
