import type { NodeSummary, NodesService } from '../../sdk/index.js';
import { nodesError } from './errors.js';
import { resolveNodeRef } from './node-ref.js';
import type { NodeService } from './node-service.js';
import type { NodeTable } from './node-table.js';

/**
 * The `nodes` service other plugins use (the canvas tool shows pages on nodes through it): the
 * same table, policy and broker as `node.invoke` and the agent's `nodes` tool, so a plugin can
 * do nothing with a node that an operator's `node.invoke` could not.
 */
export function providedNodesService(service: NodeService, table: NodeTable): NodesService {
  const list = (): NodeSummary[] =>
    service.list().map((n) => ({
      nodeId: n.nodeId,
      displayName: n.displayName,
      platform: n.platform,
      connected: n.connected,
      commands: n.commands,
      invocableCommands: service.invocable(n),
      reach: table.session(n.nodeId)?.reach,
    }));
  return {
    list,
    resolve(ref) {
      const match = resolveNodeRef(list(), ref);
      if ('node' in match) return match.node;
      if (match.error === 'ambiguous')
        throw nodesError(
          'GW_ERR_NODES_AMBIGUOUS',
          `"${ref}" names several nodes: ${match.candidates.map((c) => c.nodeId).join(', ')}; use the node id`,
        );
      throw nodesError('GW_ERR_NODES_NOT_FOUND', `no node "${ref}": see node.list (moltbot nodes list)`, {
        details: { node: ref },
      });
    },
    async invoke(request) {
      const outcome = await service.invoke(request);
      return { nodeId: outcome.nodeId, command: outcome.command, payload: outcome.payload };
    },
  };
}
