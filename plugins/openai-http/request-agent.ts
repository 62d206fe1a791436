import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Which agent and session a request runs in. Agent: header `x-moltbot-agent-id`, else `model`
 * `moltbot:<id>` / `agent:<id>`, else the default agent (any other `model` string is accepted
 * and means the default agent). Session: header `x-moltbot-session-key`, else OpenAI `user`
 * (a stable session per user), else a fresh session for this request only.
 */
export function requestAgent(
  req: FastifyRequest,
  model: unknown,
  user: unknown,
  prefix: string,
  defaultAgentId: string,
): { agentId: string; sessionKey: string; stable: boolean } {
  const header = headerValue(req, 'x-moltbot-agent-id');
  const fromModel = typeof model === 'string' ? /^(?:moltbot|agent):(.+)$/.exec(model)?.[1] : undefined;
  const agentId = header || fromModel || defaultAgentId;
  const scope = agentId;
  const sessionHeader = headerValue(req, 'x-moltbot-session-key');
  if (sessionHeader) return { agentId, sessionKey: sessionHeader, stable: true };
  if (typeof user === 'string' && user.trim()) {
    const safe = user
      .trim()
      .slice(0, 128)
      .replace(/[^A-Za-z0-9_.@+-]/g, '_');
    return { agentId, sessionKey: `agent:${scope}:${prefix}-user:${safe}`, stable: true };
  }
  return { agentId, sessionKey: `agent:${scope}:${prefix}:${crypto.randomUUID()}`, stable: false };
}

function headerValue(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() || undefined;
}
