import { type CallerInfo, type ChannelAccountStatus, type PluginContext, PluginError, Type } from '../../sdk/index.js';
import { resolveAccount, resolveChannel } from './channel-resolver.js';
import { channelsStatusFields } from './channel-snapshot.js';
import { deliveryError } from './errors.js';
import type { InboundStore } from './inbound-store.js';
import type { OutboundQueue } from './outbound-queue.js';

const channelParams = {
  channel: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  accountId: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
};

/** `channels.status|login|logout` and dead-letter retry. */
export function registerChannelMethods(ctx: PluginContext<unknown>, queue: OutboundQueue, inbound: InboundStore): void {
  ctx.methods.register('channels.status', {
    scope: 'operator.read',
    // What existing clients send (`moltbot channels status` always sends {probe, timeoutMs}).
    // Statuses here are live: there is no separate probe to run or wait for.
    params: Type.Object(
      { probe: Type.Optional(Type.Boolean()), timeoutMs: Type.Optional(Type.Integer({ minimum: 0 })) },
      { additionalProperties: false },
    ),
    description: 'Every channel and account: link state, identity, last traffic and error, queue depth, dead letters.',
    handler: () => {
      const counts = queue.store.counts();
      const channels: Record<string, unknown> = {};
      const statuses: Record<string, { accounts: ChannelAccountStatus[] }> = {};
      const adapters = ctx.channels.list();
      for (const adapter of adapters) {
        let status: ReturnType<typeof adapter.status> | { linked: false; accounts: []; error: string };
        try {
          status = adapter.status();
        } catch (err) {
          status = { linked: false, accounts: [], error: (err as Error).message };
        }
        statuses[adapter.id] = status;
        channels[adapter.id] = {
          label: adapter.label,
          capabilities: adapter.capabilities,
          ...status,
          outbound: counts[adapter.id] ?? { pending: 0, sent: 0, dead: 0 },
        };
      }
      const deadLetters = queue.store.deadLetters().map((row) => {
        const part = JSON.parse(row.payload) as { text?: string; mediaUrls?: string[] };
        return {
          messageId: row.message_id,
          part: row.part,
          channel: row.channel,
          accountId: row.account_id,
          to: row.recipient,
          attempts: row.attempts,
          error: row.last_error,
          failedAt: row.updated_at,
          preview: (part.text ?? part.mediaUrls?.join(' ') ?? '').slice(0, 80),
        };
      });
      return {
        ...channelsStatusFields(adapters, statuses),
        channels,
        outbound: counts,
        inbound: { pending: inbound.pendingCount() },
        deadLetters,
      };
    },
  });

  ctx.methods.register('channels.outbound.retry', {
    scope: 'operator.admin',
    params: Type.Object({ messageId: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false }),
    description: 'Move a dead-lettered message back to the outbound queue.',
    handler: (params) => {
      const requeued = queue.store.requeue(params.messageId);
      if (requeued === 0)
        throw deliveryError(
          'GW_ERR_DELIVERY_DEAD_LETTER_UNKNOWN',
          `no dead-lettered message ${params.messageId} (channels.status lists them under deadLetters)`,
        );
      queue.kick();
      return { messageId: params.messageId, requeued };
    },
  });

  ctx.methods.register('channels.login', {
    scope: 'operator.admin',
    params: Type.Object(
      { ...channelParams, timeoutMs: Type.Optional(Type.Integer({ minimum: 5000, maximum: 600_000 })) },
      { additionalProperties: false },
    ),
    description: 'Link a channel account (WhatsApp: QR codes arrive as `channels.login` events); resolves once linked.',
    handler: async (params, call) => {
      const adapter = resolveChannel(ctx.channels, params.channel ?? 'whatsapp');
      if (!adapter.login)
        throw deliveryError(
          'GW_ERR_DELIVERY_LOGIN_UNSUPPORTED',
          `channel ${adapter.id} does not link by login (configure its credentials in channels.${adapter.id} instead)`,
        );
      const accountId = resolveAccount(adapter, params.accountId);
      const timeoutMs = params.timeoutMs ?? 180_000;
      const signal = AbortSignal.any([call.signal, ctx.lease.signal, AbortSignal.timeout(timeoutMs)]);
      const others = (c: CallerInfo) => c.connId !== call.caller.connId && c.scopes.includes('operator.admin');
      const publish = (payload: Record<string, unknown>) => {
        call.sendEvent('channels.login', payload);
        ctx.events.emit('channels.login', payload, { filter: others });
      };
      const onQr = (qr: string) => {
        // qrcode is loaded on first use: most gateways never link a WhatsApp account.
        void import('qrcode')
          .then((m) => m.default.toDataURL(qr, { margin: 1 }))
          .catch(() => undefined)
          .then((qrDataUrl) =>
            publish({
              channel: adapter.id,
              accountId,
              status: 'qr',
              qr,
              ...(qrDataUrl ? { qrDataUrl } : {}),
              ts: Date.now(),
            }),
          );
      };
      try {
        await ctx.lease.track(adapter.login(accountId, onQr, signal));
      } catch (err) {
        const timedOut = signal.aborted && !call.signal.aborted && !ctx.lease.signal.aborted;
        publish({
          channel: adapter.id,
          accountId,
          status: 'failed',
          error: timedOut ? 'timed out' : (err as Error).message,
          ts: Date.now(),
        });
        if (timedOut)
          throw deliveryError(
            'GW_ERR_DELIVERY_LOGIN_TIMEOUT',
            `${adapter.id} account ${accountId} was not linked within ${Math.round(timeoutMs / 1000)} s; run the ` +
              'login again and scan the newest QR code',
          );
        if (err instanceof PluginError) throw err;
        throw deliveryError('GW_ERR_DELIVERY_LOGIN_FAILED', `${adapter.id} login failed: ${(err as Error).message}`, {
          cause: err,
        });
      }
      publish({ channel: adapter.id, accountId, status: 'linked', ts: Date.now() });
      return { channel: adapter.id, accountId, linked: true };
    },
  });

  ctx.methods.register('channels.logout', {
    scope: 'operator.admin',
    params: Type.Object(channelParams, { additionalProperties: false }),
    description: 'Log a channel account out and remove its stored credentials.',
    handler: async (params) => {
      const adapter = resolveChannel(ctx.channels, params.channel ?? 'whatsapp');
      if (!adapter.logout)
        throw deliveryError(
          'GW_ERR_DELIVERY_LOGIN_UNSUPPORTED',
          `channel ${adapter.id} has no logout (remove its credentials from channels.${adapter.id} instead)`,
        );
      const accountId = resolveAccount(adapter, params.accountId);
      await adapter.logout(accountId);
      return { channel: adapter.id, accountId, loggedOut: true };
    },
  });
}
