import type { AgentRunOrigin } from '../../sdk/index.js';
import { agentError } from './errors.js';

/** `agent:<agentId>:<mainKey>` — the agent's main session; DMs go there by default. */
export function mainSessionKey(agentId: string, mainKey: string): string {
  return `agent:${agentId}:${mainKey}`;
}

/**
 * Session key for a channel message. DMs → the main session (`session.dmScope: "main"`) or one
 * per sender (`per-peer`: `agent:<id>:<channel>:dm:<senderId>`); groups → one per group
 * (`agent:<id>:<channel>:group:<chatId>`), with `:thread:<threadId>` for forum topics.
 */
export function sessionKeyForOrigin(origin: AgentRunOrigin, agentId: string, mainKey: string, dmScope: string): string {
  if (origin.chatType === 'direct') {
    return dmScope !== 'main'
      ? `agent:${agentId}:${origin.channel}:dm:${origin.senderId}`
      : mainSessionKey(agentId, mainKey);
  }
  const base = `agent:${agentId}:${origin.channel}:group:${origin.chatId}`;
  return origin.threadId ? `${base}:thread:${origin.threadId}` : base;
}

/** The agent a session key belongs to (`agent:<id>:…`), if it names one. */
export function agentOfKey(key: string): string | undefined {
  const m = /^agent:([^:]+):/.exec(key);
  return m?.[1];
}

/**
 * A client-supplied key made canonical: `main` (or the configured main key) → the agent's
 * main session; a key without the `agent:` prefix is scoped to the agent.
 */
export function normalizeSessionKey(raw: string | undefined, agentId: string, mainKey: string): string {
  const key = (raw ?? '').trim();
  if (key === '' || key === 'main' || key === mainKey) return mainSessionKey(agentId, mainKey);
  if (key.length > 256 || /[\u0000-\u001f\u007f]/.test(key)) {
    throw agentError(
      'GW_ERR_AGENT_SESSION_INVALID',
      'sessionKey must be 1-256 printable characters, e.g. "agent:main:main"',
    );
  }
  return key.startsWith('agent:') ? key : `agent:${agentId}:${key}`;
}
