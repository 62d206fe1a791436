import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { RawData, WebSocket } from 'ws';
import { isLoopbackAddress, normalizeAddress } from '../auth/peer-address.js';
import { isAllowedHost, isAllowedOrigin } from '../auth/request-guard.js';
import { rememberTailscale, verifiedTailscale } from '../auth/tailscale-verifier.js';
import { kernelError } from '../errors.js';
import { sendRefusal } from '../http/http-refusal.js';
import { untrustedText } from '../logging/untrusted-text.js';
import { CloseCode, MAX_BUFFERED_BYTES } from '../protocol/frames.js';
import type { KernelRuntime } from '../runtime.js';
import { ClientConnection } from './client-connection.js';
import { handleFrame } from './dispatch.js';
import { handleFirstFrame } from './handshake.js';

/**
 * The control plane at `/`. Host and Origin are checked before the upgrade (403, no socket);
 * then the challenge is sent and the first frame must be `connect` within the handshake timeout.
 */
export function registerWsEndpoint(
  app: FastifyInstance,
  getRuntime: () => KernelRuntime,
  connections: Set<ClientConnection>,
): void {
  // --verbose mirrors events too (handshakes and req/res are logged where they happen).
  const current = getRuntime();
  if (current.verbose) {
    current.broadcaster.onBroadcast = (event, seq, delivered) =>
      current.logger.debug({ event, seq, delivered }, 'event');
  }
  app.get(
    '/',
    {
      websocket: true,
      onRequest: (req, reply, done) => {
        const rt = getRuntime();
        const host = req.headers.host;
        const origin = req.headers.origin;
        if (!isAllowedHost(host, rt.hostPolicy)) {
          rt.logger.warn(
            { ip: normalizeAddress(req.socket.remoteAddress), host: untrustedText(host) },
            'websocket refused: Host not allowed',
          );
          sendRefusal(
            req,
            reply,
            kernelError(
              'GW_ERR_HOST_FORBIDDEN',
              'Host header does not name this gateway (add it to gateway.allowedHosts)',
            ),
          );
          return;
        }
        if (!isAllowedOrigin(origin, host, rt.hostPolicy)) {
          rt.logger.warn(
            { ip: normalizeAddress(req.socket.remoteAddress), origin: untrustedText(origin) },
            'websocket refused: cross-site Origin',
          );
          sendRefusal(
            req,
            reply,
            kernelError(
              'GW_ERR_ORIGIN_FORBIDDEN',
              'cross-site WebSocket refused: Origin is not this gateway (add it to gateway.controlUi.allowedOrigins)',
            ),
          );
          return;
        }
        if (!rt.tailscale) return done();
        rt.tailscale.verify(req.headers, req.socket.remoteAddress).then(
          (identity) => {
            rememberTailscale(req.raw, identity);
            done();
          },
          (err: Error) => done(err),
        );
      },
    },
    (socket: WebSocket, req) => {
      const rt = getRuntime();
      const ip = normalizeAddress(req.socket.remoteAddress);
      const conn = new ClientConnection(
        socket,
        {
          ip,
          isLoopback: isLoopbackAddress(ip),
          // Only what the handshake reads (failure keys, the dialled Host): not every header for the socket's life.
          headers: { host: req.headers.host, origin: req.headers.origin },
          origin: req.headers.origin,
          tailscale: verifiedTailscale(req.raw),
        },
        MAX_BUFFERED_BYTES,
        (c, buffered) => {
          rt.metrics.slowConsumerClosed();
          rt.logger.warn({ connId: c.id, buffered }, 'slow consumer closed (1013)');
        },
      );
      connections.add(conn);
      rt.metrics.connectionOpened();
      conn.sendFrame({ type: 'event', event: 'connect.challenge', payload: { nonce: conn.nonce, ts: Date.now() } });
      const handshakeTimer = setTimeout(() => {
        if (conn.state === 'handshake') conn.close(CloseCode.policyViolation, 'handshake timeout');
      }, rt.handshakeTimeoutMs);

      socket.on('message', (data: RawData, isBinary: boolean) => {
        if (conn.state === 'closed') return;
        if (isBinary) {
          conn.close(CloseCode.unsupportedData, 'binary frames are not supported: send JSON text frames');
          return;
        }
        const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : data.toString('utf8');
        if (conn.state === 'handshake') {
          clearTimeout(handshakeTimer);
          handleFirstFrame(rt, conn, text);
          return;
        }
        handleFrame(rt, conn, text);
      });
      const onError = (err: Error) => {
        // A client breaking the WebSocket protocol (oversize frame, bad opcode): ws has already
        // closed with the matching code, so it is the client's fault, not ours: one line, no stack.
        const code = (err as NodeJS.ErrnoException).code;
        if (typeof code === 'string' && code.startsWith('WS_ERR_'))
          rt.logger.info({ connId: conn.id, code, reason: err.message }, 'websocket protocol error from the client');
        else rt.logger.debug({ connId: conn.id, err: err.message }, 'socket error');
      };
      socket.on('error', onError);
      releaseUpgradeRequest(socket, req.raw, onError);
      socket.on('close', (code) => {
        clearTimeout(handshakeTimer);
        const wasReady = conn.state === 'ready' || conn.caller !== undefined;
        conn.dispose();
        connections.delete(conn);
        rt.metrics.connectionClosed(code);
        rt.broadcaster.remove(conn);
        if (wasReady && conn.presenceKey && rt.presence.leave(conn.presenceKey, conn.id)) {
          rt.presenceAnnouncer.changed();
        }
        if (conn.caller) {
          // Last seen: until now, not when it connected. (During a stop the store may be closed already.)
          if (conn.caller.deviceId) {
            try {
              rt.devices.touch(conn.caller.deviceId, conn.caller.role);
            } catch {
              /* stopping: the last-seen time of its connect stays */
            }
          }
          rt.notify('client-disconnected', { connId: conn.id, caller: conn.caller });
        }
        rt.logger.debug({ connId: conn.id, code }, 'client disconnected');
      });
    },
  );
}

/**
 * @fastify/websocket leaves the upgrade's Fastify request and reply reachable from the socket for
 * its whole life — through its own `error` listener and the never-finished response the socket
 * still names — and with them the raw request, its headers and a child logger: ~5 KB per idle
 * connection. Everything the connection needs was copied out above, so let them go: our `error`
 * listener stays the only one, and the response is detached from the socket.
 */
function releaseUpgradeRequest(socket: WebSocket, raw: IncomingMessage, keep: (err: Error) => void): void {
  for (const listener of socket.listeners('error')) if (listener !== keep) socket.off('error', listener as never);
  const tcp = raw.socket as (typeof raw.socket & { _httpMessage?: ServerResponse | null }) | null;
  const response = tcp?._httpMessage;
  if (tcp && response) response.detachSocket(tcp);
}
