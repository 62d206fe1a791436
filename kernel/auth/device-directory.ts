import type { Scope } from '../../sdk/context.js';
import type { DeviceDirectory, PairedDevice } from '../../sdk/devices.js';
import { hasScope } from '../bus/scopes.js';
import { closeDeviceConnections } from '../connection/close-device.js';
import { kernelError } from '../errors.js';
import type { KernelRuntime } from '../runtime.js';
import type { DeviceRecord } from './device-registry.js';

/**
 * `ctx.devices`: the kernel's pairing requests and device registry as plugins see them
 * (docs/nodes.md). Approving issues a token for the approved role and scopes that the device is
 * shown once, in the hello-ok of its next connect; tokens never leave the kernel otherwise.
 */
export function deviceDirectory(runtime: () => KernelRuntime): DeviceDirectory {
  const connected = (rt: KernelRuntime, deviceId: string, role: string) => {
    for (const conn of rt.broadcaster.connections())
      if (conn.caller?.deviceId === deviceId && conn.caller.role === role) return true;
    return false;
  };
  const view = (rt: KernelRuntime, rec: DeviceRecord & { hasToken: boolean }): PairedDevice => ({
    deviceId: rec.deviceId,
    publicKey: rec.publicKey,
    role: rec.role,
    scopes: rec.scopes,
    clientId: rec.clientId,
    displayName: rec.displayName,
    approvedAtMs: rec.approvedAt,
    tokenIssuedAtMs: rec.hasToken ? rec.tokenIssuedAt : undefined,
    hasToken: rec.hasToken,
    lastSeenAtMs: rec.lastSeenAt,
    connected: connected(rt, rec.deviceId, rec.role),
  });
  const find = (rt: KernelRuntime, deviceId: string, role: string) =>
    rt.devices.list().find((d) => d.deviceId === deviceId && d.role === role);

  return {
    pending: () => runtime().pairing.list(),
    approve(requestId, options = {}) {
      const rt = runtime();
      const waiting = rt.pairing.get(requestId);
      if (!waiting) return undefined;
      const scopes = waiting.role === 'node' ? ['node'] : (options.scopes ?? waiting.scopes);
      if (waiting.role !== 'node' && options.by) {
        const beyond = scopes.filter((s) => !hasScope(options.by!.scopes, s as Scope));
        if (beyond.length)
          throw kernelError(
            'GW_ERR_SCOPE_FORBIDDEN',
            `approving grants ${beyond.join(', ')}, which this connection does not hold; approve with fewer ` +
              'scopes (--scopes) or from a connection that holds them',
          );
      }
      const request = rt.pairing.take(requestId);
      if (!request) return undefined;
      rt.devices.issue(
        {
          deviceId: request.deviceId,
          publicKey: request.publicKey,
          role: request.role,
          scopes,
          clientId: request.clientId,
          displayName: options.displayName ?? request.displayName,
        },
        { undelivered: true },
      );
      if (options.displayName) rt.devices.rename(request.deviceId, options.displayName);
      rt.logger.info({ deviceId: request.deviceId, role: request.role, scopes }, 'device pairing approved');
      return { request, device: view(rt, find(rt, request.deviceId, request.role)!) };
    },
    reject(requestId) {
      const rt = runtime();
      const request = rt.pairing.take(requestId);
      if (request) rt.logger.info({ deviceId: request.deviceId, role: request.role }, 'device pairing rejected');
      return request;
    },
    paired() {
      const rt = runtime();
      return rt.devices.list().map((d) => view(rt, d));
    },
    get(deviceId, role) {
      const rt = runtime();
      const rec = find(rt, deviceId, role);
      return rec ? view(rt, rec) : undefined;
    },
    rename: (deviceId, displayName) => runtime().devices.rename(deviceId, displayName),
    verifyToken(deviceId, role, token) {
      const rt = runtime();
      const rec = rt.devices.get(deviceId, role);
      return rec ? rt.devices.tokenMatches(deviceId, role, rec.publicKey, token) : false;
    },
    revoke(deviceId, role, answering) {
      const rt = runtime();
      const ok = rt.devices.revoke(deviceId, role);
      if (ok) closeDeviceConnections(rt, deviceId, role, 'device token revoked', answering);
      return ok;
    },
    remove(deviceId, answering) {
      const rt = runtime();
      const ok = rt.devices.remove(deviceId);
      if (ok) closeDeviceConnections(rt, deviceId, undefined, 'device removed', answering);
      return ok;
    },
  };
}
