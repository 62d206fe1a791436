import { type PluginContext, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { agentError } from '../errors.js';
import { imageAttachments } from '../image-input.js';
import { RunStop } from '../run-types.js';
import { agentOfKey } from '../session-keys.js';

/** WebChat: `chat.send` (returns at once; progress as `chat` events), `chat.history`, `chat.abort`. */
export function registerChatMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  ctx.methods.register('chat.send', {
    scope: 'operator.write',
    // Every field the existing WebChat, control UI, TUI and apps send (docs/compatibility.md).
    params: Type.Object(
      {
        sessionKey: Type.String({ minLength: 1, maxLength: 256 }),
        // May be empty when images are attached.
        message: Type.String({ maxLength: 200_000 }),
        thinking: Type.Optional(Type.String()),
        deliver: Type.Optional(Type.Boolean()),
        attachments: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 16 })),
        /** 0 means the agent's default. */
        timeoutMs: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400_000 })),
        idempotencyKey: Type.String({ minLength: 1, maxLength: 256 }),
      },
      { additionalProperties: false },
    ),
    idempotent: true,
    description:
      'Send a chat message to a session; returns {runId, status:"started"} at once (runId = idempotencyKey); ' +
      '`chat` events follow.',
    handler(p) {
      const agentId = runtime.resolveAgentId(agentOfKey(p.sessionKey));
      const sessionKey = runtime.normalizeKey(p.sessionKey, agentId);
      const images = imageAttachments(p.attachments);
      if (!p.message.trim() && !images?.length)
        throw agentError('GW_ERR_AGENT_SESSION_INVALID', 'chat.send needs a message or an image attachment');
      runtime.preflight(agentId, sessionKey);
      // The run id is the client's idempotency key: existing clients abort with it (chat.abort {runId}).
      const { runId } = runtime.submit({
        agentId,
        sessionKey,
        message: p.message,
        images,
        timeoutMs: p.timeoutMs || undefined,
        runId: p.idempotencyKey,
      });
      return { runId, status: 'started', sessionKey };
    },
  });

  ctx.methods.register('chat.history', {
    scope: 'operator.read',
    params: Type.Object({
      sessionKey: Type.String({ minLength: 1, maxLength: 256 }),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
      /** Newer clients: cap on each message's text. */
      maxChars: Type.Optional(Type.Integer({ minimum: 1, maximum: 500_000 })),
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
