import type { ConnectedClient, ConnectionDirectory } from '../../sdk/devices.js';
import type { KernelRuntime } from '../runtime.js';

/** `ctx.connections`: the authenticated connections of the running gateway, looked up at call time. */
export function connectionDirectory(runtime: () => KernelRuntime): ConnectionDirectory {
  return {
    list() {
      const out: ConnectedClient[] = [];
      for (const conn of runtime().broadcaster.connections())
        if (conn.client && conn.state === 'ready') out.push(conn.client);
      return out;
    },
    get(connId) {
      const conn = runtime().broadcaster.get(connId);
      return conn?.state === 'ready' ? conn.client : undefined;
    },
  };
}
