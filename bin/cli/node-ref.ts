import { resolveNodeRef } from '../../plugins/nodes/node-ref.js';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { CliError } from './cli-error.js';
import { shortId } from './text-table.js';

/** The node a person named (id, unique id prefix of 6+, or display name), looked up with `node.list`. */
export async function findNode(client: GatewayClient, ref: string, timeoutMs: number): Promise<Record<string, any>> {
  const { nodes } = await client.request<{ nodes: Array<{ nodeId: string; displayName?: string }> }>(
    'node.list',
    {},
    { timeoutMs },
  );
  const match = resolveNodeRef(nodes, ref);
  if ('node' in match) return match.node;
  throw new CliError(
    'GW_ERR_CLI_INVALID_VALUE',
    match.error === 'ambiguous'
      ? `"${ref}" names several nodes (${match.candidates.map((n) => shortId(n.nodeId)).join(', ')}): use its id`
      : `no node "${ref}" (moltbot nodes list shows them)`,
  );
}
