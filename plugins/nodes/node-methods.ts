import { type PluginContext, Type } from '../../sdk/index.js';
import type { NodesConfigT } from './config-schema.js';
import { nodesError } from './errors.js';
import type { InvokeBroker } from './invoke-broker.js';
import type { NodeService } from './node-service.js';
import { type NodeTable, nodeIdOf } from './node-table.js';

const Id = Type.String({ minLength: 1, maxLength: 256 });
const strict = { additionalProperties: false } as const;

/** `node.list|describe|rename|invoke|invoke.result|event` (PROTOCOL.md; docs/nodes.md). */
export function registerNodeMethods(
  ctx: PluginContext<NodesConfigT>,
  deps: { table: NodeTable; broker: InvokeBroker; service: NodeService },
): void {
  const { table, broker, service } = deps;

  ctx.methods.register('node.list', {
    scope: 'operator.read',
    params: Type.Object({}),
    description: 'Paired and connected nodes with what each declared.',
    handler: () => ({ ts: Date.now(), nodes: service.list() }),
  });

  ctx.methods.register('node.describe', {
    scope: 'operator.read',
    params: Type.Object({ nodeId: Id }, strict),
    description: 'One node, with the commands the gateway lets you invoke on it.',
    handler: (p) => service.describe(p.nodeId),
  });

  ctx.methods.register('node.rename', {
    scope: 'operator.pairing',
    params: Type.Object({ nodeId: Id, displayName: Type.String({ minLength: 1, maxLength: 256 }) }, strict),
    description: "Set a node's display name (kept across its reconnects).",
    handler: (p) => {
      const displayName = p.displayName.trim();
      if (!displayName) throw nodesError('GW_ERR_NODES_BAD_PAYLOAD', 'displayName must not be blank');
      const known = table.rename(p.nodeId, displayName);
      const device = ctx.devices.rename(p.nodeId, displayName);
      if (!known && !device) throw nodesError('GW_ERR_NODES_NOT_FOUND', `no node ${p.nodeId}`);
      return { nodeId: p.nodeId, displayName };
    },
  });

  ctx.methods.register('node.invoke', {
    scope: 'operator.write',
    idempotent: true,
    params: Type.Object(
      {
        nodeId: Id,
        command: Type.String({ minLength: 1, maxLength: 128 }),
        params: Type.Optional(Type.Unknown()),
        timeoutMs: Type.Optional(Type.Integer({ minimum: 0 })),
        idempotencyKey: Type.String({ minLength: 1, maxLength: 256 }),
      },
      strict,
    ),
    description:
      'Run a command on a node (declared by it and allowed by gateway.nodes policy) and wait for its result.',
    handler: (p, call) =>
      service.invoke({
        nodeId: p.nodeId,
        command: p.command,
        params: p.params,
        timeoutMs: p.timeoutMs || undefined,
        idempotencyKey: p.idempotencyKey,
        signal: call.signal,
      }),
  });

  ctx.methods.register('node.invoke.result', {
    scope: 'node',
    params: Type.Object(
      {
        id: Id,
        nodeId: Id,
        ok: Type.Boolean(),
        payload: Type.Optional(Type.Unknown()),
        payloadJSON: Type.Optional(Type.String()),
        error: Type.Optional(
          Type.Object({
            code: Type.Optional(Type.String({ maxLength: 128 })),
            message: Type.Optional(Type.String({ maxLength: 8192 })),
          }),
        ),
      },
      strict,
    ),
    description: 'A node answers a node.invoke.request sent to it.',
    handler: (p, call) => broker.result({ connId: call.caller.connId, nodeId: nodeIdOf(call.caller) }, p),
  });

  ctx.methods.register('node.event', {
    scope: 'node',
    params: Type.Object(
      {
        event: Type.String({ minLength: 1, maxLength: 128 }),
        payload: Type.Optional(Type.Unknown()),
        payloadJSON: Type.Optional(Type.String()),
      },
      strict,
    ),
    description: 'A node reports something; operators get it as a node.event with the node id.',
    handler: (p, call) => {
      let payload = p.payload;
      if (p.payloadJSON !== undefined) {
        try {
          payload = JSON.parse(p.payloadJSON);
        } catch {
          throw nodesError('GW_ERR_NODES_BAD_PAYLOAD', 'payloadJSON is not valid JSON');
        }
      }
      const nodeId = nodeIdOf(call.caller);
      ctx.events.emit(
        'node.event',
        { nodeId, event: p.event, ...(payload === undefined ? {} : { payload }), ts: Date.now() },
        { filter: (c) => c.role === 'operator' },
      );
      return { ok: true };
    },
  });
}
