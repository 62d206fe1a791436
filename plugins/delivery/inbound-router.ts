import type { Database } from 'better-sqlite3';
import type { Logger } from 'pino';
import type { AccessPolicy, ChannelRouter, InboundMessage, InboundOutcome } from '../../sdk/index.js';
import { decideAccess } from './access-policy.js';
import type { InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';
import type { PairingStore } from './pairing-store.js';

export interface RouterDeps {
  db: Database;
  inbound: InboundStore;
  pairing: PairingStore;
  outbound: OutboundQueue;
  logger: Logger;
  /** Wake the agent dispatcher (a message was queued). */
  onQueued(): void;
  /** A stranger got a pairing code (for the `pairing.requested` event). */
  onPairingRequested(request: {
    channel: string;
    accountId: string;
    code: string;
    senderId: string;
    senderName?: string;
  }): void;
  /** Text of the `/status` answer, built without the agent. */
  statusText(message: InboundMessage): string;
}

const STATUS_COMMAND = /^\/status(@[A-Za-z0-9_]+)?\s*$/i;

/**
 * The `router` service: store the message (with what the policy decided) in the same
 * transaction as any immediate reply, then let the dispatcher run the agent turn. Resolving
 * means "stored": the channel may acknowledge its source. Strangers never reach the agent.
 */
export class InboundRouter implements ChannelRouter {
  constructor(private readonly deps: RouterDeps) {}

  async inbound(message: InboundMessage, policy: AccessPolicy): Promise<InboundOutcome> {
    const { db, inbound, pairing, outbound, logger } = this.deps;
    if (inbound.seen(message)) return { stored: true, disposition: 'duplicate' };
    const approved =
      message.chatType === 'direct' && pairing.isApproved(message.channel, message.accountId, message.senderId);
    const decision = decideAccess(message, policy, approved);
    let requested: { code: string } | undefined;
    const disposition = db.transaction((): InboundOutcome['disposition'] => {
      let disposition: InboundOutcome['disposition'];
      switch (decision.kind) {
        case 'allow':
          if (STATUS_COMMAND.test(message.text.trim())) {
            // Commands the gateway answers itself never cost a model call.
            disposition = 'ignored';
            outbound.enqueue({
              ...replyTarget(message),
              text: this.deps.statusText(message),
              idempotencyKey: `status:${message.channel}:${message.accountId}:${message.chatId}:${message.messageId}`,
            });
          } else disposition = 'queued';
          break;
        case 'pairing': {
          const result = pairing.request(message);
          if (!result) {
            disposition = 'denied';
            break;
          }
          disposition = 'pairing';
          if (result.created) {
            requested = result.request;
            outbound.enqueue({
              channel: message.channel,
              accountId: message.accountId,
              to: message.chatId,
              text: pairingText(message.channel, result.request.code),
              idempotencyKey: [
                'pairing',
                message.channel,
                message.accountId,
                message.senderId,
                result.request.code,
              ].join(':'),
            });
          }
          break;
        }
        case 'deny':
          disposition = 'denied';
          break;
        case 'ignore':
          disposition = 'ignored';
          break;
      }
      const seq = inbound.insert(message, disposition);
      return seq === undefined ? 'duplicate' : disposition;
    })();
    if (decision.kind === 'deny')
      logger.info(
        {
          channel: message.channel,
          accountId: message.accountId,
          chatType: message.chatType,
          senderId: message.senderId,
          reason: decision.reason,
        },
        'inbound message denied by access policy',
      );
    if (requested)
      this.deps.onPairingRequested({
        channel: message.channel,
        accountId: message.accountId,
        code: requested.code,
        senderId: message.senderId,
        ...(message.senderName ? { senderName: message.senderName } : {}),
      });
    if (disposition === 'queued') this.deps.onQueued();
    return { stored: true, disposition };
  }
}

function replyTarget(message: InboundMessage) {
  return {
    channel: message.channel,
    accountId: message.accountId,
    to: message.chatId,
    ...(message.chatType === 'group' ? { replyTo: message.messageId } : {}),
    ...(message.threadId ? { threadId: message.threadId } : {}),
  };
}

export function pairingText(channel: string, code: string): string {
  return [
    "Hi! I don't know you yet, so I can't answer.",
    `Your pairing code: ${code}`,
    `Ask my owner to approve it with: moltbot pairing approve ${channel} ${code}`,
  ].join('\n');
}
