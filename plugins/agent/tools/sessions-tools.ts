import { type AgentTool, Type } from '../../../sdk/index.js';
import { agentError } from '../errors.js';
import type { SessionStore } from '../session-store.js';

/** `sessions_list` and `sessions_history`: let the agent look at other conversations. */
export function sessionsTools(store: SessionStore): AgentTool[] {
  return [
    {
      name: 'sessions_list',
      description: 'List recent sessions (conversations) with their keys, labels and activity.',
      parameters: Type.Object(
        {
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
          activeMinutes: Type.Optional(Type.Integer({ minimum: 1 })),
        },
        { additionalProperties: false },
      ),
      execute(args: { limit?: number; activeMinutes?: number }) {
        const rows = store.list({
          limit: args.limit ?? 20,
          activeSinceMs: args.activeMinutes ? Date.now() - args.activeMinutes * 60_000 : undefined,
        });
        return {
          count: rows.length,
          sessions: rows.map((s) => ({
            key: s.key,
            agentId: s.agentId,
            label: s.label,
            channel: s.channel,
            updatedAt: s.updatedAt,
            messageCount: s.messageCount,
          })),
        };
      },
    },
    {
      name: 'sessions_history',
      description: 'Read the latest messages of a session by its key (e.g. agent:main:main).',
      parameters: Type.Object(
        { sessionKey: Type.String({ minLength: 1 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })) },
        { additionalProperties: false },
      ),
      execute(args: { sessionKey: string; limit?: number }) {
        if (!store.get(args.sessionKey))
          throw agentError(
            'GW_ERR_AGENT_SESSION_NOT_FOUND',
            `no session "${args.sessionKey}" (sessions_list shows the keys)`,
          );
        const items = store.transcript(args.sessionKey, args.limit ?? 20);
        return {
          sessionKey: args.sessionKey,
          messages: items.map((m) => ({
            role: m.role,
            content: m.content,
            ...(m.toolCalls ? { toolCalls: m.toolCalls.map((c) => c.name) } : {}),
            ...(m.toolName ? { tool: m.toolName } : {}),
            ts: m.ts,
          })),
        };
      },
    },
  ];
}
