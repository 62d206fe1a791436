import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { RunStop } from '../run-types.js';
import { agentOfKey } from '../session-keys.js';

/** WebChat: `chat.send` (returns at once; progress as `chat` events), `chat.history`, `chat.abort`. */
export function registerChatMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  ctx.methods.register('chat.send', {
    scope: 'operator.write',
    params: Type.Object({
      sessionKey: Type.String({ minLength: 1, maxLength: 256 }),
      message: Type.String({ minLength: 1, maxLength: 200_000 }),
      thinking: Type.Optional(Type.String()),
      deliver: Type.Optional(Type.Boolean()),
      timeoutMs: Type.Optional(Type.Integer({ minimum: 1, maximum: 86_400_000 })),
      idempotencyKey: Type.String({ minLength: 1, maxLength: 256 }),
    }),
    idempotent: true,
    description: 'Send a chat message to a session; returns {runId, status:"started"} at once; `chat` events follow.',
    handler(p) {
      const agentId = runtime.resolveAgentId(agentOfKey(p.sessionKey));
      const sessionKey = runtime.normalizeKey(p.sessionKey, agentId);
      runtime.preflight(agentId, sessionKey);
      const { runId } = runtime.submit({ agentId, sessionKey, message: p.message, timeoutMs: p.timeoutMs });
      return { runId, status: 'started', sessionKey };
    },
  });

  ctx.methods.register('chat.history', {
    scope: 'operator.read',
    params: Type.Object({
      sessionKey: Type.String({ minLength: 1, maxLength: 256 }),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
    }),
    description: "A session's transcript, oldest first: {sessionKey, sessionId, messages}.",
    handler(p) {
      const agentId = runtime.resolveAgentId(agentOfKey(p.sessionKey));
      const sessionKey = runtime.normalizeKey(p.sessionKey, agentId);
      const session = runtime.store.get(sessionKey);
      const entries = session ? runtime.store.transcript(sessionKey, p.limit ?? 200) : [];
      return {
        sessionKey,
        sessionId: session?.sessionId,
        thinkingLevel: session?.thinkingLevel,
        messages: entries.map((e) => ({
          role: e.role === 'tool' ? 'toolResult' : e.role,
          content: [{ type: 'text', text: e.content }],
          timestamp: e.ts,
          ...(e.runId ? { runId: e.runId } : {}),
          ...(e.toolCalls ? { toolCalls: e.toolCalls } : {}),
          ...(e.toolName ? { toolName: e.toolName, toolCallId: e.toolCallId, isError: e.isError ?? false } : {}),
          ...(e.usage ? { usage: e.usage } : {}),
        })),
      };
    },
  });

  ctx.methods.register('chat.abort', {
    scope: 'operator.write',
    params: Type.Object({
      sessionKey: Type.String({ minLength: 1, maxLength: 256 }),
      runId: Type.Optional(Type.String({ minLength: 1 })),
    }),
    description: 'Abort the running (and waiting) runs of a session, or one run by id.',
    handler(p) {
      const agentId = runtime.resolveAgentId(agentOfKey(p.sessionKey));
      const sessionKey = runtime.normalizeKey(p.sessionKey, agentId);
      const stop = new RunStop('abort', 'aborted by chat.abort');
      const runIds = p.runId ? (runtime.abort(p.runId, stop) ? [p.runId] : []) : runtime.abortSession(sessionKey, stop);
      return { ok: true, aborted: runIds.length > 0, runIds, sessionKey };
    },
  });
}
