import type { KernelRuntime } from '../runtime.js';
import type { ClientConnection } from './client-connection.js';
/**
 * A frame after the handshake. Every request with an id gets exactly one final response (the
 * `accept()` acknowledgement is an extra, earlier one); a malformed frame is answered when it
 * has an id, otherwise the connection is closed 1008 — no other client is affected.
 */
export declare function handleFrame(rt: KernelRuntime, conn: ClientConnection, text: string): void;
