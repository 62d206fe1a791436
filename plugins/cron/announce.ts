import type { ChannelRegistrar, DeliveryRoute, HeartbeatService, OutboundService } from '../../sdk/index.js';
import type { RunOutcome } from './job-store.js';
import type { Delivery } from './job-types.js';

/**
 * Where an announce goes: `channel: "last"` is where the user last talked to the agent's main
 * session; a channel id with `to` is that chat; a channel id without `to` is that channel's
 * last chat, if the last talk was there.
 */
export function announceRoute(
  delivery: Delivery,
  last: DeliveryRoute | undefined,
): { route: DeliveryRoute } | { error: string } {
  const channel = delivery.channel ?? 'last';
  if (channel === 'last') {
    if (!last) return { error: 'no last channel yet: nobody has talked to this agent on a channel' };
    return {
      route: {
        ...last,
        ...(delivery.to ? { to: delivery.to } : {}),
        ...(delivery.accountId ? { accountId: delivery.accountId } : {}),
      },
    };
  }
  const to = delivery.to ?? (last?.channel === channel ? last.to : undefined);
  if (!to) return { error: `delivery.to is needed for channel "${channel}" (no chat on it to fall back to)` };
  const accountId = delivery.accountId ?? (last?.channel === channel ? last.accountId : undefined);
  return { route: { channel, to, ...(accountId ? { accountId } : {}) } };
}

/** Send a run's reply through the durable outbound queue (once per run: the run id is the key). */
export function announce(
  text: string,
  delivery: Delivery,
  deps: {
    runId: string;
    agentId?: string;
    sessionKey?: string;
    outbound: OutboundService | undefined;
    heartbeat: HeartbeatService | undefined;
    channels: ChannelRegistrar;
  },
): Pick<RunOutcome, 'deliveryStatus' | 'deliveryError'> {
  if (!text.trim()) return { deliveryStatus: 'not-delivered', deliveryError: 'the reply was empty' };
  const target = announceRoute(delivery, deps.heartbeat?.lastRoute(deps.agentId));
  if ('error' in target) return { deliveryStatus: 'not-delivered', deliveryError: target.error };
  const { route } = target;
  if (!deps.outbound)
    return { deliveryStatus: 'not-delivered', deliveryError: 'the delivery plugin (service "outbound") is not loaded' };
  if (!deps.channels.get(route.channel))
    return { deliveryStatus: 'not-delivered', deliveryError: `channel "${route.channel}" is not loaded` };
  try {
    deps.outbound.enqueue({
      channel: route.channel,
      to: route.to,
      text,
      idempotencyKey: `cron:${deps.runId}`,
      ...(route.accountId ? { accountId: route.accountId } : {}),
      ...(route.threadId ? { threadId: route.threadId } : {}),
      ...(deps.sessionKey ? { sessionKey: deps.sessionKey } : {}),
    });
    return { deliveryStatus: 'delivered' };
  } catch (err) {
    return { deliveryStatus: 'not-delivered', deliveryError: (err as Error).message };
  }
}
