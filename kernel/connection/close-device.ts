import { CloseCode } from '../protocol/frames.js';
import type { KernelRuntime } from '../runtime.js';

/**
 * Close every open connection of a device (in `role`, or in every role) with 1008 at once: its
 * token was revoked or the device was removed, so nothing it holds open may keep working. The
 * connection that asked for it (`answering`, a device revoking itself) is closed right after its
 * answer is queued. Returns how many were closed.
 */
export function closeDeviceConnections(
  rt: KernelRuntime,
  deviceId: string,
  role: string | undefined,
  reason: string,
  answering?: string,
): number {
  let closed = 0;
  for (const conn of [...rt.broadcaster.connections()]) {
    const c = conn.caller;
    if (!c || c.deviceId !== deviceId || (role !== undefined && c.role !== role)) continue;
    if (conn.id === answering) setImmediate(() => conn.close(CloseCode.policyViolation, reason));
    else conn.close(CloseCode.policyViolation, reason);
    closed++;
  }
  if (closed) rt.logger.info({ deviceId, role, closed }, `closed the device's connections: ${reason}`);
  return closed;
}
