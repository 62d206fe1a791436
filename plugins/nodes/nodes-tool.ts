import crypto from 'node:crypto';
import { type AgentTool, Type } from '../../sdk/index.js';
import { nodesError } from './errors.js';
import { resolveNodeRef } from './node-ref.js';
import type { NodeService } from './node-service.js';

interface NodesToolArgs {
  action: 'list' | 'describe' | 'invoke';
  node?: string;
  command?: string;
  params?: unknown;
  timeoutMs?: number;
}

/**
 * The agent's `nodes` tool: list the user's devices, see what one offers, run a command on it.
 * The same policy as `node.invoke` applies (declared by the node AND allowed by gateway.nodes);
 * dangerous (it reaches outside the gateway), so HTTP callers need gateway.http.toolsInvoke.allow.
 */
export function nodesTool(service: NodeService): AgentTool {
  return {
    name: 'nodes',
    description:
      "Use the user's paired devices (nodes: phones, laptops, headless boxes). action=list shows them; " +
      'action=describe {node} shows what one can do; action=invoke {node, command, params?} runs a command ' +
      '(e.g. system.info, system.run {command:["uname","-a"]}). node is an id or a display name.',
    dangerous: true,
    parameters: Type.Object(
      {
        action: Type.Union([Type.Literal('list'), Type.Literal('describe'), Type.Literal('invoke')]),
        node: Type.Optional(Type.String({ minLength: 1, maxLength: 256 })),
        command: Type.Optional(Type.String({ minLength: 1, maxLength: 128 })),
        params: Type.Optional(Type.Unknown()),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 100, maximum: 600_000 })),
      },
      { additionalProperties: false },
    ),
    async execute(args: NodesToolArgs, invocation) {
      if (args.action === 'list') {
        return {
          nodes: service.list().map((n) => ({
            nodeId: n.nodeId,
            displayName: n.displayName,
            platform: n.platform,
            connected: n.connected,
            paired: n.paired,
            commands: n.commands,
          })),
        };
      }
      if (!args.node) throw nodesError('GW_ERR_NODES_BAD_PAYLOAD', `action=${args.action} needs node (id or name)`);
      const match = resolveNodeRef(service.list(), args.node);
      if (!('node' in match)) {
        if (match.error === 'ambiguous')
          throw nodesError(
            'GW_ERR_NODES_AMBIGUOUS',
            `"${args.node}" names several nodes: ${match.candidates.map((c) => c.nodeId).join(', ')}`,
          );
        throw nodesError('GW_ERR_NODES_NOT_FOUND', `no node "${args.node}"; action=list shows them`);
      }
      const nodeId = match.node.nodeId;
      if (args.action === 'describe') return service.describe(nodeId);
      if (!args.command) throw nodesError('GW_ERR_NODES_BAD_PAYLOAD', 'action=invoke needs command');
      return service.invoke({
        nodeId,
        command: args.command,
        params: args.params,
        timeoutMs: args.timeoutMs,
        idempotencyKey: `tool:${crypto.randomUUID()}`,
        signal: invocation.signal,
      });
    },
  };
}
