import type { FastifyInstance } from 'fastify';
import type { KernelRuntime } from '../runtime.js';
import { ClientConnection } from './client-connection.js';
/**
 * The control plane at `/`. Host and Origin are checked before the upgrade (403, no socket);
 * then the challenge is sent and the first frame must be `connect` within the handshake timeout.
 */
export declare function registerWsEndpoint(app: FastifyInstance, getRuntime: () => KernelRuntime, connections: Set<ClientConnection>): void;
