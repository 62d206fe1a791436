import path from 'node:path';
import { type AgentTool, type ChannelRegistrar, type OutboundService, Type } from '../../../sdk/index.js';
import { agentError } from '../errors.js';

/** `message`: send a message through a channel, via the durable outbound queue (`outbound` service). */
export function messageTool(outbound: () => OutboundService | undefined, channels: ChannelRegistrar): AgentTool {
  return {
    name: 'message',
    description:
      'Send a message to someone through a chat channel (e.g. telegram, whatsapp). Give the channel, the recipient ' +
      'chat id / number, and the text; attach files or images with media (paths in your workspace, or https URLs).',
    dangerous: true,
    parameters: Type.Object(
      {
        action: Type.Optional(Type.Literal('send')),
        channel: Type.String({ minLength: 1 }),
        to: Type.String({ minLength: 1 }),
        text: Type.String({ minLength: 1, maxLength: 65_536 }),
        accountId: Type.Optional(Type.String({ minLength: 1 })),
        mediaUrls: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { maxItems: 10 })),
        // Moltbot's name for the same thing: one path/URL or several.
        media: Type.Optional(
          Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { maxItems: 10 })]),
        ),
      },
      { additionalProperties: false },
    ),
    execute(
      args: {
        channel: string;
        to: string;
        text: string;
        accountId?: string;
        mediaUrls?: string[];
        media?: string | string[];
      },
      invocation,
    ) {
      const { media, ...rest } = args;
      // A relative path is the agent's: inside its workspace, not the gateway's working folder.
      const mediaUrls = [...(rest.mediaUrls ?? []), ...(media === undefined ? [] : [media].flat())].map((m) =>
        invocation.workspaceDir && !/^[a-z][a-z0-9+.-]*:/i.test(m) && !path.isAbsolute(m)
          ? path.join(invocation.workspaceDir, m)
          : m,
      );
      return sendThroughChannel(outbound, channels, {
        ...rest,
        ...(mediaUrls.length ? { mediaUrls } : {}),
        sessionKey: invocation.sessionKey,
      });
    },
  };
}

export function sendThroughChannel(
  outbound: () => OutboundService | undefined,
  channels: ChannelRegistrar,
  req: {
    channel: string;
    to: string;
    text: string;
    accountId?: string;
    mediaUrls?: string[];
    sessionKey?: string;
    idempotencyKey?: string;
  },
): { ok: true; messageId: string; channel: string; to: string; duplicate: boolean } {
  const service = outbound();
  if (!service)
    throw agentError(
      'GW_ERR_AGENT_OUTBOUND_UNAVAILABLE',
      'message delivery is unavailable: the delivery plugin (service "outbound") is not loaded',
    );
  if (!channels.get(req.channel)) {
    const known = channels.list().map((c) => c.id);
    throw agentError(
      'GW_ERR_AGENT_NOT_LINKED',
      `channel "${req.channel}" is not linked${known.length ? ` (linked: ${known.join(', ')})` : ''}: configure ` +
        `channels.${req.channel}`,
    );
  }
  const r = service.enqueue({
    channel: req.channel,
    to: req.to,
    text: req.text,
    accountId: req.accountId,
    mediaUrls: req.mediaUrls,
    sessionKey: req.sessionKey,
    idempotencyKey: req.idempotencyKey,
  });
  return { ok: true, messageId: r.messageId, channel: req.channel, to: req.to, duplicate: r.duplicate };
}
