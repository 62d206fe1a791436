import path from 'node:path';
import type { PluginContext } from '../../sdk/index.js';
import { registerChannelMethods } from './channel-methods.js';
import { routerCommands } from './commands/router-commands.js';
import type { DeliveryConfig } from './config-schema.js';
import { GroupActivationStore } from './group-activation-store.js';
import { InboundDispatcher } from './inbound-dispatcher.js';
import { InboundRouter } from './inbound-router.js';
import { InboundStore } from './inbound-store.js';
import { pruneMediaFolder } from './media-retention.js';
import { DELIVERY_MIGRATIONS } from './migrations.js';
import { OutboundQueue } from './outbound-queue.js';
import { registerPairingMethods } from './pairing-methods.js';
import { PairingStore } from './pairing-store.js';
import { registerSendMethod } from './send-method.js';
import { registerWebLoginMethods } from './web-login.js';

/** Wire the stores, queues, services and methods of one generation of the delivery plugin. */
export function startDelivery(ctx: PluginContext<DeliveryConfig>): void {
  const { db } = ctx.store;
  ctx.store.migrate(DELIVERY_MIGRATIONS);
  const inbound = new InboundStore(db);
  const pairing = new PairingStore(db, ctx.config.pairing);
  const mediaRoots = [
    path.join(ctx.paths.stateDir, 'media'),
    ctx.paths.workspaceDir,
    ...ctx.config.outbound.mediaRoots,
  ];
  const outbound = new OutboundQueue(db, {
    channels: ctx.channels,
    lease: ctx.lease,
    logger: ctx.logger,
    config: ctx.config.outbound,
    mediaRoots,
    workspaceDir: ctx.paths.workspaceDir,
  });
  const activation = new GroupActivationStore(db);
  // Looked up per message: a reloaded agent plugin is used at once.
  const agent = () => ctx.services.get('agent');
  const dispatcher = new InboundDispatcher({
    store: inbound,
    outbound,
    db,
    agent,
    channels: ctx.channels,
    commands: ctx.commands,
    lease: ctx.lease,
    logger: ctx.logger,
  });
  const router = new InboundRouter({
    db,
    inbound,
    pairing,
    outbound,
    activation,
    commands: ctx.commands,
    agent,
    logger: ctx.logger,
    onQueued: () => dispatcher.kick(),
    onPairingRequested: (request) => ctx.events.emit('pairing.requested', request),
  });
  const commandDeps = {
    gateway: ctx.gateway,
    commands: ctx.commands,
    agent,
    approvals: () => ctx.services.get('exec-approvals'),
    activation,
    outbound,
  };
  for (const command of routerCommands(commandDeps)) ctx.commands.register(command);

  ctx.events.declare('channels.login');
  ctx.events.declare('pairing.requested');
  ctx.events.declare('pairing.resolved');
  ctx.services.provide('router', router);
  ctx.services.provide('outbound', outbound);
  // The gateway's `status` shows the queue and counts dead letters among its errors.
  ctx.status.section('outbound', () => outbound.stats());
  const byChannel = (state: 'pending' | 'dead') => () =>
    Object.entries(outbound.store.counts()).map(([channel, c]) => ({ labels: { channel }, value: c[state] }));
  ctx.metrics.gauge({
    name: 'outbound_queue_depth',
    help: 'Outbound message parts waiting for delivery, by channel',
    labelNames: ['channel'],
    collect: byChannel('pending'),
  });
  ctx.metrics.gauge({
    name: 'outbound_dead_letters',
    help: 'Outbound message parts that gave up (dead letters), by channel',
    labelNames: ['channel'],
    collect: byChannel('dead'),
  });
  ctx.status.section('errors.deadLetters', () => outbound.stats().deadLetters);
  // The existing CLI's `moltbot health` orders and labels channels by these.
  ctx.health.report('channelOrder', () => ctx.channels.list().map((a) => a.id));
  ctx.health.report('channelLabels', () => Object.fromEntries(ctx.channels.list().map((a) => [a.id, a.label])));
  registerSendMethod(ctx as PluginContext<unknown>, outbound);
  registerChannelMethods(ctx as PluginContext<unknown>, outbound, inbound);
  registerWebLoginMethods(ctx as PluginContext<unknown>);
  registerPairingMethods(ctx as PluginContext<unknown>, pairing, outbound);
  outbound.start();
  dispatcher.start();
  const mediaDir = path.join(ctx.paths.stateDir, 'media', 'inbound');
  const retention = {
    maxAgeMs: ctx.config.inboundMedia.retentionDays * 86_400_000,
    maxTotalBytes: ctx.config.inboundMedia.maxTotalMb * 1024 * 1024,
  };
  const sweep = () => {
    const removed = pruneMediaFolder(mediaDir, retention);
    if (removed) ctx.logger.info({ removed, mediaDir }, 'pruned inbound media');
  };
  ctx.lease.timeout('inbound media first sweep', 5_000, sweep);
  ctx.lease.interval('inbound media sweep', 3_600_000, sweep);
}
