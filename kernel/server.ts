import http from 'node:http';
import https from 'node:https';
import websocket from '@fastify/websocket';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import { kernelError } from './errors.js';
import type { PluginGeneration } from './host/plugin-generation.js';
import type { RouteTable } from './host/route-table.js';
import { sendRefusal } from './http/http-refusal.js';
import { MAX_PAYLOAD_BYTES } from './protocol/frames.js';

export interface OuterServerDeps {
  logger: Logger;
  /** PEM cert and key: serve HTTPS/WSS instead of plain HTTP/WS. */
  tls?: { cert: Buffer; key: Buffer };
  routes: RouteTable;
  /** A request (headers and body) must arrive whole within this (`gateway.requestTimeoutMs`). */
  requestTimeoutMs: number;
  generationOf(owner: string): PluginGeneration | undefined;
}

/**
 * The kernel's own Fastify instance: it owns the listening socket and @fastify/websocket
 * (whose close hook ends every client, so it lives here only). Plain HTTP requests whose route
 * a plugin owns are handed to that plugin's current generation via `inner.routing(req, res)`.
 */
export async function createOuterServer(deps: OuterServerDeps): Promise<{ app: FastifyInstance; server: http.Server }> {
  let server!: http.Server;
  const app = Fastify({
    loggerInstance: deps.logger.child({ component: 'http' }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    serverFactory: (fastifyHandler) => {
      const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
        const owner = deps.routes.match(req.method ?? 'GET', req.url ?? '/');
        const gen = owner ? deps.generationOf(owner) : undefined;
        if (gen) {
          gen.serve(req, res);
          return;
        }
        fastifyHandler(req, res);
      };
      // Node checks request timeouts on this interval (default 30 s): check often enough that a
      // slow body is cut close to requestTimeoutMs.
      const connectionsCheckingInterval = Math.max(250, Math.min(5000, Math.floor(deps.requestTimeoutMs / 4)));
      server = deps.tls
        ? https.createServer({ cert: deps.tls.cert, key: deps.tls.key, connectionsCheckingInterval }, handle)
        : http.createServer({ connectionsCheckingInterval }, handle);
      // Slow bodies: a request must arrive whole in time (Node answers 408); idle keep-alive
      // sockets close after 65 s.
      server.requestTimeout = deps.requestTimeoutMs;
      server.headersTimeout = Math.min(15_000, deps.requestTimeoutMs);
      server.keepAliveTimeout = 65_000;
      return server;
    },
  });
  await app.register(websocket, {
    options: { maxPayload: MAX_PAYLOAD_BYTES, perMessageDeflate: false },
    errorHandler(error, socket, request) {
      // A handler's exception (the endpoint's own socket errors are logged by its listener, see
      // ws-endpoint.ts). A client breaking the WebSocket protocol (oversize frame, bad opcode): ws
      // has already answered with the matching close code, so this is the client's fault, not
      // ours. One line without a stack; anything else is logged in full and the socket ended.
      const code = (error as NodeJS.ErrnoException).code;
      if (typeof code === 'string' && code.startsWith('WS_ERR_')) {
        request.log.info({ code, reason: error.message }, 'websocket protocol error from the client');
        return;
      }
      request.log.error({ err: error }, 'websocket error');
      socket.terminate();
    },
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    const onPath = deps.routes.onPath(req.url);
    if (onPath)
      return sendRefusal(
        req,
        reply,
        kernelError('GW_ERR_HTTP_METHOD', `${req.method} is not allowed on ${path}`),
        onPath.route.errorBody,
      );
    return sendRefusal(
      req,
      reply,
      kernelError('GW_ERR_HTTP_NOT_FOUND', `no route ${req.method} ${path}`),
      deps.routes.nearest(req.url)?.route.errorBody,
    );
  });
  return { app, server };
}
