import { type PluginContext, Type } from '../../sdk/index.js';
import { resolveAccount, resolveChannel } from './channel-resolver.js';
import type { OutboundQueue } from './outbound-queue.js';

const sendParams = Type.Object(
  {
    to: Type.String({ minLength: 1, maxLength: 256 }),
    message: Type.Optional(Type.String({ maxLength: 100_000 })),
    channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
    accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
    mediaUrl: Type.Optional(Type.String({ minLength: 1, maxLength: 4096 })),
    mediaUrls: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 4096 }), { maxItems: 10 })),
    sessionKey: Type.Optional(Type.String({ maxLength: 512 })),
    replyTo: Type.Optional(Type.String({ maxLength: 128 })),
    threadId: Type.Optional(Type.String({ maxLength: 128 })),
    /** WhatsApp: send a video as a looping GIF (existing clients' field; not supported, ignored). */
    gifPlayback: Type.Optional(Type.Boolean()),
    idempotencyKey: Type.String({ minLength: 1, maxLength: 256 }),
  },
  { additionalProperties: false },
);

/** `send`: persist, acknowledge, deliver through the channel's durable outbound queue. */
export function registerSendMethod(ctx: PluginContext<unknown>, queue: OutboundQueue): void {
  ctx.methods.register('send', {
    scope: 'operator.write',
    params: sendParams,
    idempotent: true,
    description: 'Send a message to a chat through a channel (durable, ordered, effect once per idempotencyKey).',
    handler: (params) => {
      const adapter = resolveChannel(ctx.channels, params.channel);
      const accountId = resolveAccount(adapter, params.accountId, { requireUsable: true });
      const mediaUrls = [...(params.mediaUrl ? [params.mediaUrl] : []), ...(params.mediaUrls ?? [])];
      // The store's dedupe outlives the kernel's in-memory window and restarts.
      const { messageId } = queue.enqueue({
        channel: adapter.id,
        accountId,
        to: params.to,
        ...(params.message !== undefined ? { text: params.message } : {}),
        ...(mediaUrls.length ? { mediaUrls } : {}),
        ...(params.replyTo ? { replyTo: params.replyTo } : {}),
        ...(params.threadId ? { threadId: params.threadId } : {}),
        ...(params.sessionKey ? { sessionKey: params.sessionKey } : {}),
        idempotencyKey: `send:${params.idempotencyKey}`,
      });
      return { messageId, channel: adapter.id, to: params.to };
    },
  });
}
