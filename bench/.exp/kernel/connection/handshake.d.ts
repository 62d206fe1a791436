import type { KernelRuntime } from '../runtime.js';
import type { ClientConnection } from './client-connection.js';
/**
 * Handle the first frame of a connection. On success the connection becomes `ready` and gets
 * hello-ok; on failure the client gets an `ok:false` response (when its frame had an id) and
 * the documented close code.
 */
export declare function handleFirstFrame(rt: KernelRuntime, conn: ClientConnection, text: string): boolean;
