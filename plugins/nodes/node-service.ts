import type { PluginContext } from '../../sdk/index.js';
import { allowedCommands, checkCommand, nodePlatform } from './command-policy.js';
import type { NodesConfigT } from './config-schema.js';
import { nodesError } from './errors.js';
import type { InvokeBroker, InvokeOutcome } from './invoke-broker.js';
import type { NodePairRequests } from './node-pair-requests.js';
import type { NodeTable, NodeView } from './node-table.js';

export interface NodeDescription extends NodeView {
  /** Commands the node declared that the gateway's policy allows: what may be invoked. */
  invocableCommands: string[];
}

export interface InvokeRequest {
  nodeId: string;
  command: string;
  params?: unknown;
  timeoutMs?: number;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

/** The node table, the command policy and the invoke broker behind the methods and the agent tool. */
export class NodeService {
  constructor(
    private readonly ctx: PluginContext<NodesConfigT>,
    private readonly table: NodeTable,
    private readonly broker: InvokeBroker,
    private readonly nodePairs: NodePairRequests,
  ) {}

  list(): NodeView[] {
    return this.table.list(this.ctx.devices.paired(), this.nodePairs.tokenHolders());
  }

  describe(nodeId: string): NodeDescription {
    const node = this.list().find((n) => n.nodeId === nodeId);
    if (!node) throw unknownNode(nodeId);
    return { ...node, invocableCommands: this.invocable(node) };
  }

  /** The commands of this node the gateway's policy lets callers invoke. */
  invocable(node: Pick<NodeView, 'platform' | 'deviceFamily' | 'commands'>): string[] {
    const allowed = allowedCommands(this.ctx.config, nodePlatform(node.platform, node.deviceFamily));
    return node.commands.filter((c) => allowed.has(c));
  }

  /** Check the policy, forward to the node, wait for its answer (or its departure, or the timeout). */
  async invoke(req: InvokeRequest): Promise<InvokeOutcome> {
    const session = this.table.session(req.nodeId);
    if (!session) {
      if (!this.list().some((n) => n.nodeId === req.nodeId)) throw unknownNode(req.nodeId);
      throw nodesError('GW_ERR_NODES_NOT_CONNECTED', `node ${req.nodeId} is not connected; try again when it is`, {
        retryable: true,
        details: { nodeId: req.nodeId },
      });
    }
    const platform = nodePlatform(session.client.platform, session.client.deviceFamily);
    const verdict = checkCommand(req.command, session.commands, platform, this.ctx.config);
    if (!verdict.ok) {
      const why =
        verdict.reason === 'not-declared'
          ? `node ${req.nodeId} does not offer ${req.command} (it declared: ${session.commands.join(', ') || 'none'})`
          : verdict.reason === 'denied'
            ? `${req.command} is denied by gateway.nodes.denyCommands`
            : `${req.command} is not allowed for ${platform} nodes; add it to gateway.nodes.allowCommands to allow it`;
      throw nodesError('GW_ERR_NODES_COMMAND_FORBIDDEN', why, {
        details: { nodeId: req.nodeId, command: req.command, reason: verdict.reason },
      });
    }
    const { invokeTimeoutMs, maxInvokeTimeoutMs } = this.ctx.config;
    const timeoutMs = Math.min(req.timeoutMs ?? invokeTimeoutMs, maxInvokeTimeoutMs);
    return this.broker.invoke(session, {
      command: req.command,
      params: req.params,
      timeoutMs,
      idempotencyKey: req.idempotencyKey,
      signal: req.signal,
    });
  }
}

function unknownNode(nodeId: string) {
  return nodesError('GW_ERR_NODES_NOT_FOUND', `no node ${nodeId}: see node.list (moltbot nodes list)`, {
    details: { nodeId },
  });
}
