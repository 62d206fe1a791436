import { type PluginContext, Type } from '../../sdk/index.js';
import { nodesError } from './errors.js';
import type { NodePairRequests } from './node-pair-requests.js';
import type { NodeTable } from './node-table.js';
import { announceRequested, announceResolved, devicePairRequested, nodePairRow } from './pairing-events.js';

const Id = Type.String({ minLength: 1, maxLength: 256 });
const DeviceId = Type.String({ pattern: '^[0-9a-f]{64}$' });
const Name = Type.String({ minLength: 1, maxLength: 256 });
const Names = Type.Array(Type.String({ minLength: 1, maxLength: 128 }), { maxItems: 1024 });
const strict = { additionalProperties: false } as const;

/** `device.pair.*` and `node.pair.*` (PROTOCOL.md; docs/nodes.md "Pairing"). */
export function registerPairingMethods(
  ctx: PluginContext<unknown>,
  deps: { table: NodeTable; nodePairs: NodePairRequests },
): void {
  const { devices } = ctx;
  const { table, nodePairs } = deps;

  ctx.methods.register('device.pair.list', {
    scope: 'operator.pairing',
    params: Type.Object({}),
    description: 'Devices waiting for approval and paired devices (tokens never shown).',
    handler: () => ({
      pending: devices.pending().map((r) => ({ ...r, ...devicePairRequested(r) })),
      paired: devices.paired(),
    }),
  });

  ctx.methods.register('device.pair.approve', {
    scope: 'operator.pairing',
    params: Type.Object(
      { requestId: Id, displayName: Type.Optional(Name), scopes: Type.Optional(Type.Array(Name, { maxItems: 32 })) },
      strict,
    ),
    description: 'Approve a pairing request: the device is shown its token at its next connect.',
    handler: (p, call) => {
      const done = devices.approve(p.requestId, { scopes: p.scopes, displayName: p.displayName, by: call.caller });
      if (!done) throw notWaiting(p.requestId);
      if (p.displayName && done.request.role === 'node') table.rename(done.request.deviceId, p.displayName);
      const node = done.request.role === 'node';
      announceResolved(ctx, { requestId: p.requestId, id: done.request.deviceId, node, device: true }, 'approved');
      return { requestId: p.requestId, device: done.device };
    },
  });

  ctx.methods.register('device.pair.reject', {
    scope: 'operator.pairing',
    params: Type.Object({ requestId: Id }, strict),
    description: 'Reject a pairing request (the device may ask again).',
    handler: (p) => {
      const request = devices.reject(p.requestId);
      if (!request) throw notWaiting(p.requestId);
      const node = request.role === 'node';
      announceResolved(ctx, { requestId: p.requestId, id: request.deviceId, node, device: true }, 'rejected');
      return { requestId: p.requestId, deviceId: request.deviceId };
    },
  });

  ctx.methods.register('device.pair.remove', {
    scope: 'operator.pairing',
    params: Type.Object({ deviceId: DeviceId }, strict),
    description: 'Forget a paired device (every role) and close its sockets; it must pair again.',
    handler: (p, call) => {
      const wasNode = devices.get(p.deviceId, 'node') !== undefined;
      if (!devices.remove(p.deviceId, call.caller.connId))
        throw nodesError('GW_ERR_NODES_NOT_FOUND', `no paired device ${p.deviceId}`);
      table.forget(p.deviceId);
      announceResolved(ctx, { requestId: '', id: p.deviceId, node: wasNode, device: true }, 'removed');
      return { deviceId: p.deviceId, removed: true };
    },
  });

  ctx.methods.register('node.pair.request', {
    scope: 'operator.pairing',
    params: Type.Object(
      {
        nodeId: Id,
        displayName: Type.Optional(Name),
        platform: Type.Optional(Name),
        version: Type.Optional(Name),
        coreVersion: Type.Optional(Name),
        uiVersion: Type.Optional(Name),
        deviceFamily: Type.Optional(Name),
        modelIdentifier: Type.Optional(Name),
        remoteIp: Type.Optional(Name),
        caps: Type.Optional(Names),
        commands: Type.Optional(Names),
        silent: Type.Optional(Type.Boolean()),
      },
      strict,
    ),
    description: 'Ask for pairing on behalf of a node without a device key (a bridge); approval issues a node token.',
    handler: (p) => {
      const { request, created } = nodePairs.request(p);
      if (created) announceRequested(ctx, request);
      return { status: 'pending', requestId: request.requestId, created, expiresAtMs: request.expiresAtMs };
    },
  });

  ctx.methods.register('node.pair.list', {
    scope: 'operator.pairing',
    params: Type.Object({}),
    description: 'Nodes waiting for approval and paired nodes.',
    handler: () => ({
      pending: [
        ...devices
          .pending()
          .filter((r) => r.role === 'node')
          .map(nodePairRow),
        ...nodePairs.list().map(nodePairRow),
      ],
      paired: table.list(devices.paired(), nodePairs.tokenHolders()).filter((n) => n.paired),
    }),
  });

  ctx.methods.register('node.pair.approve', {
    scope: 'operator.pairing',
    params: Type.Object({ requestId: Id, displayName: Type.Optional(Name) }, strict),
    description: "Approve a node's pairing request.",
    handler: (p, call) => {
      const kernel = devices.pending().find((r) => r.requestId === p.requestId && r.role === 'node');
      if (kernel) {
        const done = devices.approve(p.requestId, { displayName: p.displayName, by: call.caller });
        if (!done) throw notWaiting(p.requestId);
        if (p.displayName) table.rename(done.request.deviceId, p.displayName);
        announceResolved(
          ctx,
          { requestId: p.requestId, id: done.request.deviceId, node: true, device: true },
          'approved',
        );
        return { requestId: p.requestId, node: { nodeId: done.request.deviceId, ...done.device } };
      }
      const legacy = nodePairs.take(p.requestId);
      if (!legacy) throw notWaiting(p.requestId);
      const issued = nodePairs.issueToken(legacy.nodeId);
      announceResolved(ctx, { requestId: p.requestId, id: legacy.nodeId, node: true, device: false }, 'approved');
      return {
        requestId: p.requestId,
        node: { nodeId: legacy.nodeId, displayName: p.displayName ?? legacy.displayName, ...issued },
      };
    },
  });

  ctx.methods.register('node.pair.reject', {
    scope: 'operator.pairing',
    params: Type.Object({ requestId: Id }, strict),
    description: "Reject a node's pairing request.",
    handler: (p) => {
      const kernel = devices.pending().find((r) => r.requestId === p.requestId && r.role === 'node');
      const rejected = kernel ? devices.reject(p.requestId) : undefined;
      const legacy = kernel ? undefined : nodePairs.take(p.requestId);
      const nodeId = rejected?.deviceId ?? legacy?.nodeId;
      if (!nodeId) throw notWaiting(p.requestId);
      announceResolved(ctx, { requestId: p.requestId, id: nodeId, node: true, device: Boolean(rejected) }, 'rejected');
      return { requestId: p.requestId, nodeId };
    },
  });

  ctx.methods.register('node.pair.verify', {
    scope: 'operator.pairing',
    params: Type.Object({ nodeId: Id, token: Type.String({ minLength: 1, maxLength: 4096 }) }, strict),
    description: "Check a node's token (a device token for role node, or a node.pair.request token).",
    handler: (p) => ({
      ok: devices.verifyToken(p.nodeId, 'node', p.token) || nodePairs.verifyToken(p.nodeId, p.token),
      nodeId: p.nodeId,
    }),
  });
}

function notWaiting(requestId: string) {
  return nodesError(
    'GW_ERR_NODES_REQUEST_NOT_FOUND',
    `no pairing request ${requestId} is waiting (it was resolved, or it expired: the device asks again when it ` +
      'reconnects); list them with: moltbot devices list',
  );
}
