import { definePlugin } from '../../sdk/index.js';
import { NodesConfig } from './config-schema.js';
import { InvokeBroker } from './invoke-broker.js';
import { registerNodeMethods } from './node-methods.js';
import { NodePairRequests } from './node-pair-requests.js';
import { NodeService } from './node-service.js';
import { NODES_MIGRATIONS, NodeTable } from './node-table.js';
import { nodesTool } from './nodes-tool.js';
import { announceRequested, PAIRING_EVENTS } from './pairing-events.js';
import { registerPairingMethods } from './pairing-methods.js';
import { providedNodesService } from './provided-nodes-service.js';

export default definePlugin({
  id: 'nodes',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'gateway.nodes',
  configSchema: NodesConfig,
  description:
    'Device and node pairing (device.pair.*, node.pair.*), the live node table, node.invoke with the command ' +
    'policy, node.event, and the agent nodes tool.',
  register(_app, ctx) {
    ctx.store.migrate(NODES_MIGRATIONS);
    const table = new NodeTable(ctx.store.db);
    const pairing = (ctx.gateway.rootConfig.gateway as { pairing?: Record<string, number> } | undefined)?.pairing;
    const nodePairs = new NodePairRequests(ctx.store.db, () => ({
      ttlMs: pairing?.pendingTtlMs ?? 10 * 60 * 1000,
      maxPending: pairing?.maxPending ?? 50,
    }));
    const broker = new InvokeBroker(
      (connId, payload) => ctx.events.sendTo(connId, 'node.invoke.request', payload),
      ctx.logger,
    );
    const service = new NodeService(ctx, table, broker, nodePairs);

    for (const name of [...PAIRING_EVENTS, 'node.event', 'node.invoke.request']) ctx.events.declare(name);
    registerPairingMethods(ctx, { table, nodePairs });
    registerNodeMethods(ctx, { table, broker, service });
    ctx.tools.register(nodesTool(service));
    ctx.services.provide('nodes', providedNodesService(service, table));

    // The node table follows the kernel's connections; nodes already connected are picked up now.
    for (const c of ctx.connections.list()) if (c.caller.role === 'node') table.connected(c);
    ctx.events.on('client-connected', (c) => {
      if (c.caller.role !== 'node') return;
      const s = table.connected(c);
      ctx.logger.info({ nodeId: s.nodeId, platform: s.client.platform, commands: s.commands.length }, 'node connected');
    });
    ctx.events.on('client-disconnected', ({ connId, caller }) => {
      // Calls waiting on this connection are answered now, not at their timeout.
      const answered = broker.connectionClosed(connId);
      if (caller.role !== 'node') return;
      const s = table.disconnected(connId, caller);
      if (s) ctx.logger.info({ nodeId: s.nodeId, answered }, 'node disconnected');
    });
    ctx.events.on('pairing-requested', (request) => announceRequested(ctx, request));
    // A reloading or unloading plugin answers waiting callers at once (retryable), instead of at
    // their timeout: results would reach the next generation, which did not send those calls.
    ctx.onDrain(() => broker.close());
    ctx.lease.defer('invoke broker', () => broker.close());
  },
});
