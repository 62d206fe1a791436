import { type OutboundService, type PluginContext, PluginError, Type } from '../../../sdk/index.js';
import type { AgentRuntime } from '../agent-runtime.js';
import type { AgentPluginConfigT } from '../config-schema.js';
import { agentError } from '../errors.js';
import { imageAttachments } from '../image-input.js';
import type { RunOutcome } from '../run-types.js';
import { agentOfKey } from '../session-keys.js';
import { sendThroughChannel } from '../tools/message-tool.js';

/**
 * `agent` params: ours plus every field the existing Moltbot clients send (CLI `agent`, agent
 * tools, apps), so their frames pass unchanged. Fields without an effect here are listed in
 * docs/compatibility.md.
 */
const AgentParams = Type.Object(
  {
    message: Type.String({ minLength: 1, maxLength: 200_000 }),
    agentId: Type.Optional(Type.String({ minLength: 1 })),
    sessionKey: Type.Optional(Type.String({ maxLength: 256 })),
    /** The existing CLI's `--session-id`: the session whose current id this is. */
    sessionId: Type.Optional(Type.String({ maxLength: 256 })),
    to: Type.Optional(Type.String()),
    replyTo: Type.Optional(Type.String()),
    channel: Type.Optional(Type.String()),
    replyChannel: Type.Optional(Type.String()),
    accountId: Type.Optional(Type.String()),
    replyAccountId: Type.Optional(Type.String()),
    threadId: Type.Optional(Type.String()),
    groupId: Type.Optional(Type.String()),
    groupChannel: Type.Optional(Type.String()),
    groupSpace: Type.Optional(Type.String()),
    deliver: Type.Optional(Type.Boolean()),
    thinking: Type.Optional(Type.String()),
    attachments: Type.Optional(Type.Array(Type.Unknown(), { maxItems: 16 })),
    /** Seconds; 0 means the agent's default. */
    timeout: Type.Optional(Type.Number({ minimum: 0, maximum: 86_400 })),
    lane: Type.Optional(Type.String()),
    extraSystemPrompt: Type.Optional(Type.String({ maxLength: 100_000 })),
    label: Type.Optional(Type.String()),
    spawnedBy: Type.Optional(Type.String()),
    idempotencyKey: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

/** The final payload of a finished run, or its error (so the wire code says what happened). */
export function finalPayload(outcome: RunOutcome): Record<string, unknown> {
  if (outcome.failure) {
    const f = outcome.failure;
    const details =
      f.details && typeof f.details === 'object'
        ? { ...(f.details as object), runId: outcome.runId }
        : { runId: outcome.runId };
    // ok:false with the error code, and beside it the final payload PROTOCOL.md gives the agent method.
    const payload = { runId: outcome.runId, status: 'error', summary: f.message };
    throw new PluginError(f.code, f.wire, f.message, {
      details,
      retryable: f.retryable,
      retryAfterMs: f.retryAfterMs,
      status: f.status,
      cause: f,
      payload,
    });
  }
  return {
    runId: outcome.runId,
    status: outcome.status,
    summary: outcome.status === 'ok' ? outcome.text : (outcome.error?.message ?? outcome.status),
    result: {
      // What the existing CLI prints (`result.payloads[].text`).
      payloads: outcome.text ? [{ text: outcome.text }] : [],
      text: outcome.text,
      sessionKey: outcome.sessionKey,
      model: outcome.model,
      usage: outcome.usage,
      ...(outcome.error ? { error: outcome.error } : {}),
    },
  };
}

export function registerAgentMethods(ctx: PluginContext<AgentPluginConfigT>, runtime: AgentRuntime): void {
  const outbound = () => ctx.services.get('outbound') as OutboundService | undefined;
  ctx.methods.register('agent', {
    scope: 'operator.write',
    params: AgentParams,
    idempotent: true,
    description:
      'Run the agent on a message: ack {runId, status:"accepted"}, streamed agent events, ' +
      'final {runId, status, summary}.',
    async handler(p, call) {
      const requestedKey = p.sessionKey || (p.sessionId ? runtime.store.keyOfSessionId(p.sessionId) : undefined);
      const agentId = runtime.resolveAgentId(p.agentId ?? (requestedKey ? agentOfKey(requestedKey) : undefined));
      const sessionKey = runtime.normalizeKey(requestedKey, agentId);
      // Where a delivered reply goes: the existing CLI names it with reply* when it differs.
      const channel = p.replyChannel || p.channel;
      const to = p.replyTo || p.to;
      const accountId = p.replyAccountId || p.accountId;
      runtime.preflight(agentId, sessionKey);
      if (p.deliver) {
        if (!channel || !to)
          throw agentError(
            'GW_ERR_AGENT_SESSION_INVALID',
            'deliver:true needs "channel" and "to" (where the reply goes)',
          );
        if (!outbound())
          throw agentError(
            'GW_ERR_AGENT_OUTBOUND_UNAVAILABLE',
            'deliver:true needs the delivery plugin (service "outbound"), which is not loaded',
          );
        if (!ctx.channels.get(channel))
          throw agentError(
            'GW_ERR_AGENT_NOT_LINKED',
            `channel "${channel}" is not linked: configure channels.${channel}`,
          );
      }
      const { runId, done } = runtime.submit({
        agentId,
        sessionKey,
        message: p.message,
        images: imageAttachments(p.attachments),
        extraSystemPrompt: p.extraSystemPrompt,
        timeoutMs: p.timeout ? Math.round(p.timeout * 1000) : undefined,
        // Existing clients wait for and abort a run by the key they sent.
        runId: p.idempotencyKey,
      });
      call.accept({ runId, status: 'accepted', acceptedAt: Date.now() });
      const outcome = await done;
      const payload = finalPayload(outcome);
      if (p.deliver && outcome.status === 'ok' && outcome.text) {
        payload.delivery = sendThroughChannel(outbound, ctx.channels, {
          channel: channel!,
          to: to!,
          accountId,
          text: outcome.text,
          sessionKey,
          idempotencyKey: `agent:${runId}`,
        });
      }
      return payload;
    },
  });

  ctx.methods.register('agent.wait', {
    scope: 'operator.read',
    params: Type.Object({
      runId: Type.String({ minLength: 1 }),
      /** Longer waits than a day are cut to one. */
      timeoutMs: Type.Optional(Type.Integer({ minimum: 0 })),
    }),
    description: "Wait for a run's end: {runId, status: ok|error|aborted|timeout, startedAt, endedAt, error?}.",
    async handler(p) {
      const r = await runtime.wait(p.runId, Math.min(p.timeoutMs ?? 30_000, 86_400_000));
      if (!r)
        throw agentError('GW_ERR_AGENT_RUN_NOT_FOUND', `no run ${p.runId} (unknown, or older than the run history)`);
      if (!('endedAt' in r)) return { runId: p.runId, status: r.status };
      return {
        runId: r.runId,
        status: r.status,
        startedAt: r.startedAt,
        endedAt: r.endedAt,
        summary: r.text,
        ...(r.error ? { error: r.error } : {}),
      };
    },
  });
}
