import http from 'node:http';
import { type FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import type { RouteTable } from './host/route-table.js';
import type { PluginGeneration } from './host/plugin-generation.js';
export interface OuterServerDeps {
    logger: Logger;
    /** PEM cert and key: serve HTTPS/WSS instead of plain HTTP/WS. */
    tls?: {
        cert: Buffer;
        key: Buffer;
    };
    routes: RouteTable;
    generationOf(owner: string): PluginGeneration | undefined;
}
/**
 * The kernel's own Fastify instance: it owns the listening socket and @fastify/websocket
 * (whose close hook ends every client, so it lives here only). Plain HTTP requests whose route
 * a plugin owns are handed to that plugin's current generation via `inner.routing(req, res)`.
 */
export declare function createOuterServer(deps: OuterServerDeps): Promise<{
    app: FastifyInstance;
    server: http.Server;
}>;
