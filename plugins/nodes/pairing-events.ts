import type { CallerInfo, PairingRequest, PluginContext } from '../../sdk/index.js';
import type { NodePairRequest } from './node-pair-requests.js';

export const PAIRING_EVENTS = [
  'device.pair.requested',
  'device.pair.resolved',
  'node.pair.requested',
  'node.pair.resolved',
] as const;

export type PairingDecision = 'approved' | 'rejected' | 'removed';

/** Pairing events go to operators who may act on them (operator.pairing; admin holds it). */
const mayPair = (c: CallerInfo) =>
  c.role === 'operator' && (c.scopes.includes('operator.pairing') || c.scopes.includes('operator.admin'));

/** The `device.pair.requested` payload (the shape existing clients read) for a kernel pairing request. */
export function devicePairRequested(r: PairingRequest): Record<string, unknown> {
  return {
    requestId: r.requestId,
    deviceId: r.deviceId,
    publicKey: r.publicKey,
    displayName: r.displayName,
    platform: r.platform,
    deviceFamily: r.deviceFamily,
    clientId: r.clientId,
    clientMode: r.clientMode,
    role: r.role,
    roles: [r.role],
    scopes: r.scopes,
    remoteIp: r.remoteIp,
    isRepair: r.isRepair,
    browser: r.browser,
    expiresAtMs: r.expiresAtMs,
    ts: r.createdAtMs,
  };
}

/** A pending request as `node.pair.list` and `node.pair.requested` show it. */
export function nodePairRow(r: PairingRequest | NodePairRequest): Record<string, unknown> {
  if ('deviceId' in r) {
    return {
      requestId: r.requestId,
      nodeId: r.deviceId,
      displayName: r.displayName,
      platform: r.platform,
      version: r.version,
      deviceFamily: r.deviceFamily,
      modelIdentifier: r.modelIdentifier,
      caps: r.caps ?? [],
      commands: r.commands ?? [],
      remoteIp: r.remoteIp,
      isRepair: r.isRepair,
      expiresAtMs: r.expiresAtMs,
      ts: r.createdAtMs,
    };
  }
  return {
    requestId: r.requestId,
    nodeId: r.nodeId,
    displayName: r.displayName,
    platform: r.platform,
    version: r.version,
    coreVersion: r.coreVersion,
    uiVersion: r.uiVersion,
    deviceFamily: r.deviceFamily,
    modelIdentifier: r.modelIdentifier,
    caps: r.caps ?? [],
    commands: r.commands ?? [],
    remoteIp: r.remoteIp,
    silent: r.silent,
    expiresAtMs: r.expiresAtMs,
    ts: r.createdAtMs,
  };
}

/** Emit the pairing events for a new request (a node's also as `node.pair.requested`). */
export function announceRequested(ctx: PluginContext<unknown>, request: PairingRequest | NodePairRequest): void {
  if ('deviceId' in request)
    ctx.events.emit('device.pair.requested', devicePairRequested(request), { filter: mayPair });
  if (!('deviceId' in request) || request.role === 'node')
    ctx.events.emit('node.pair.requested', nodePairRow(request), { filter: mayPair });
}

export function announceResolved(
  ctx: PluginContext<unknown>,
  r: { requestId: string; id: string; node: boolean; device: boolean },
  decision: PairingDecision,
): void {
  const ts = Date.now();
  if (r.device)
    ctx.events.emit(
      'device.pair.resolved',
      { requestId: r.requestId, deviceId: r.id, decision, ts },
      { filter: mayPair },
    );
  if (r.node)
    ctx.events.emit('node.pair.resolved', { requestId: r.requestId, nodeId: r.id, decision, ts }, { filter: mayPair });
}
