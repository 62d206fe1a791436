import http from 'node:http';
import https from 'node:https';
import Fastify, { LogController } from 'fastify';
import websocket from '@fastify/websocket';
import { MAX_PAYLOAD_BYTES } from './protocol/frames.js';
import { sendHttpError } from './http/http-guard.js';
/**
 * The kernel's own Fastify instance: it owns the listening socket and @fastify/websocket
 * (whose close hook ends every client, so it lives here only). Plain HTTP requests whose route
 * a plugin owns are handed to that plugin's current generation via `inner.routing(req, res)`.
 */
export async function createOuterServer(deps) {
    let server;
    const app = Fastify({
        loggerInstance: deps.logger.child({ component: 'http' }),
        logController: new LogController({ disableRequestLogging: true }),
        serverFactory: (fastifyHandler) => {
            const handle = (req, res) => {
                const owner = deps.routes.match(req.method ?? 'GET', req.url ?? '/');
                const gen = owner ? deps.generationOf(owner) : undefined;
                if (gen) {
                    gen.serve(req, res);
                    return;
                }
                fastifyHandler(req, res);
            };
            server = deps.tls ? https.createServer({ cert: deps.tls.cert, key: deps.tls.key }, handle) : http.createServer(handle);
            // Slow bodies: a request must arrive whole within 30 s; idle keep-alive sockets close after 65 s.
            server.requestTimeout = 30_000;
            server.headersTimeout = 15_000;
            server.keepAliveTimeout = 65_000;
            return server;
        },
    });
    await app.register(websocket, { options: { maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false } });
    app.setNotFoundHandler((req, reply) => {
        const owner = deps.routes.hasPath(req.url);
        if (owner)
            return sendHttpError(reply, 405, 'METHOD_NOT_ALLOWED', `${req.method} is not allowed on ${req.url.split('?')[0]}`);
        return sendHttpError(reply, 404, 'NOT_FOUND', `no route ${req.method} ${req.url.split('?')[0]}`);
    });
    return { app, server };
}
//# sourceMappingURL=server.js.map