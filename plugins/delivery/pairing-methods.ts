import { type PluginContext, Type } from '../../sdk/index.js';
import { deliveryError } from './errors.js';
import type { OutboundQueue } from './outbound-queue.js';
import type { PairingRequest, PairingStore } from './pairing-store.js';

const resolveParams = Type.Object(
  { channel: Type.String({ minLength: 1, maxLength: 64 }), code: Type.String({ minLength: 4, maxLength: 32 }) },
  { additionalProperties: false },
);

/** `pairing.list|approved|approve|reject`: the operator's side of DM pairing. */
export function registerPairingMethods(ctx: PluginContext<unknown>, pairing: PairingStore, queue: OutboundQueue): void {
  ctx.methods.register('pairing.list', {
    scope: 'operator.pairing',
    params: Type.Object(
      { channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
      { additionalProperties: false },
    ),
    description: 'Pending DM pairing requests (unknown senders waiting for approval).',
    handler: (params) => ({ requests: pairing.listPending(params.channel) }),
  });
  ctx.methods.register('pairing.approved', {
    scope: 'operator.pairing',
    params: Type.Object(
      { channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })) },
      { additionalProperties: false },
    ),
    description: 'Senders approved through pairing (they may talk to the agent), newest first.',
    handler: (params) => ({ senders: pairing.listApproved(params.channel) }),
  });
  const resolve = (decision: 'approved' | 'rejected') => (params: { channel: string; code: string }) => {
    const request = pairing.resolve(params.channel, params.code, decision);
    if (!request) {
      throw deliveryError(
        'GW_ERR_DELIVERY_PAIRING_UNKNOWN',
        `no pending ${params.channel} pairing request has code ${params.code.toUpperCase()} (it may have expired; ` +
          'pairing.list shows the pending ones)',
      );
    }
    if (decision === 'approved') {
      queue.enqueue({
        channel: request.channel,
        accountId: request.accountId,
        to: request.chatId,
        text: "You're approved — send me a message any time.",
        idempotencyKey: `pairing-approved:${request.channel}:${request.accountId}:${request.senderId}:${request.code}`,
      });
    }
    ctx.events.emit('pairing.resolved', { ...publicRequest(request), decision });
    ctx.logger.info(
      { channel: request.channel, accountId: request.accountId, senderId: request.senderId, decision },
      'pairing request resolved',
    );
    return decision === 'approved' ? { approved: publicRequest(request) } : { rejected: publicRequest(request) };
  };
  ctx.methods.register('pairing.approve', {
    scope: 'operator.pairing',
    params: resolveParams,
    description: 'Approve a pairing code: the sender may talk to the agent from now on.',
    handler: resolve('approved'),
  });
  ctx.methods.register('pairing.reject', {
    scope: 'operator.pairing',
    params: resolveParams,
    description: 'Reject a pairing code.',
    handler: resolve('rejected'),
  });
}

function publicRequest(r: PairingRequest) {
  return {
    channel: r.channel,
    accountId: r.accountId,
    code: r.code,
    senderId: r.senderId,
    senderName: r.senderName,
    senderUsername: r.senderUsername,
    createdAt: r.createdAt,
    expiresAt: r.expiresAt,
  };
}
