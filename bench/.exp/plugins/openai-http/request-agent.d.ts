import type { FastifyRequest } from 'fastify';
/**
 * Which agent and session a request runs in. Agent: header `x-moltbot-agent-id`, else `model`
 * `moltbot:<id>` / `agent:<id>`, else the default agent (any other `model` string is accepted
 * and means the default agent). Session: header `x-moltbot-session-key`, else OpenAI `user`
 * (a stable session per user), else a fresh session for this request only.
 */
export declare function requestAgent(req: FastifyRequest, model: unknown, user: unknown, prefix: string, defaultAgentId: string): {
    agentId: string;
    sessionKey: string;
    stable: boolean;
};
