/**
 * The baseline: a bare `ws` + `node:http` server doing the per-frame work a minimal gateway
 * must do (JSON parse, a compiled schema check, constant-time token check, JSON reply), with
 * no framework, no plugins and no logging. It speaks the subset of PROTOCOL.md the bench uses.
 *
 *   node dist/bench/baseline/server.js --port 19100 --token secret
 *
 * Prints `LISTENING <port>` on stdout when ready.
 */
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import type WebSocket from 'ws';
import { WebSocketServer } from 'ws';
import { BroadcastParams, ConnectParams, firstError, RequestFrame, StatusParams } from './schemas.js';

const PROTOCOL = 7;
const LEGACY_PROTOCOL = 3;
const MAX_PAYLOAD = 524_288;
const MAX_BUFFERED_BYTES = 1_572_864;
const TICK_INTERVAL_MS = 30_000;
const HANDSHAKE_TIMEOUT_MS = 10_000;

const { values } = parseArgs({
  options: { port: { type: 'string', default: '0' }, token: { type: 'string' } },
});
const token = values.token ?? process.env.BENCH_TOKEN;
if (!token) {
  process.stderr.write('baseline: --token (or BENCH_TOKEN) is required\n');
  process.exit(2);
}
const tokenDigest = createHash('sha256').update(token).digest();
const startedAt = Date.now();

function tokenMatches(given: unknown): boolean {
  if (typeof given !== 'string') return false;
  return timingSafeEqual(createHash('sha256').update(given).digest(), tokenDigest);
}

interface Conn {
  readonly id: string;
  authed: boolean;
  timer?: NodeJS.Timeout;
}

const authed = new Set<WebSocket>();
let seq = 0;

function reply(ws: WebSocket, id: string, payload: unknown): void {
  ws.send(JSON.stringify({ type: 'res', id, ok: true, payload }));
}

function fail(ws: WebSocket, id: string | undefined, code: string, message: string, details?: unknown): void {
  if (id === undefined) return;
  ws.send(
    JSON.stringify({
      type: 'res',
      id,
      ok: false,
      error: details === undefined ? { code, message } : { code, message, details },
    }),
  );
}

/** Sends one pre-serialized frame to every authenticated client; drops slow consumers. */
function broadcast(event: string, payload: unknown): number {
  // Serialized and encoded once, sent as a text frame to everyone.
  const frame = Buffer.from(JSON.stringify({ type: 'event', event, payload, seq: ++seq }));
  let delivered = 0;
  for (const ws of authed) {
    if (ws.bufferedAmount > MAX_BUFFERED_BYTES) {
      authed.delete(ws);
      ws.close(1013, 'slow consumer');
      setTimeout(() => ws.terminate(), 1000).unref();
      continue;
    }
    ws.send(frame, { binary: false });
    delivered++;
  }
  return delivered;
}

function negotiate(min: number, max: number): number | undefined {
  if (min <= PROTOCOL && PROTOCOL <= max) return PROTOCOL;
  if (min <= LEGACY_PROTOCOL && LEGACY_PROTOCOL <= max) return LEGACY_PROTOCOL;
  return undefined;
}

function handshake(ws: WebSocket, conn: Conn, frame: { id: string; method: string; params?: unknown }): void {
  const refuse = (code: string, message: string, closeCode = 1008, details?: unknown): void => {
    fail(ws, frame.id, code, message, details);
    ws.close(closeCode, message.slice(0, 100));
  };
  if (frame.method !== 'connect') return refuse('INVALID_REQUEST', 'first request must be connect');
  if (!ConnectParams.Check(frame.params)) return refuse('INVALID_REQUEST', firstError(ConnectParams, frame.params));
  const params = frame.params;
  const protocol = negotiate(params.minProtocol, params.maxProtocol);
  if (protocol === undefined) {
    return refuse('INVALID_REQUEST', 'protocol mismatch', 1002, { expectedProtocol: PROTOCOL });
  }
  if (!tokenMatches(params.auth?.token)) return refuse('UNAUTHORIZED', 'invalid token');
  clearTimeout(conn.timer);
  conn.authed = true;
  authed.add(ws);
  reply(ws, frame.id, {
    type: 'hello-ok',
    protocol,
    server: { version: 'baseline', connId: conn.id },
    features: { methods: ['status', 'bench.broadcast'], events: ['connect.challenge', 'tick', 'presence'] },
    snapshot: {
      presence: [],
      health: { ok: true, ts: Date.now() },
      stateVersion: { presence: 0, health: 0 },
      uptimeMs: Date.now() - startedAt,
    },
    policy: { maxPayload: MAX_PAYLOAD, maxBufferedBytes: MAX_BUFFERED_BYTES, tickIntervalMs: TICK_INTERVAL_MS },
  });
}

function dispatch(ws: WebSocket, frame: { id: string; method: string; params?: unknown }): void {
  switch (frame.method) {
    case 'status': {
      const params = frame.params ?? {};
      if (!StatusParams.Check(params)) return fail(ws, frame.id, 'INVALID_REQUEST', firstError(StatusParams, params));
      return reply(ws, frame.id, {
        version: 'baseline',
        uptimeMs: Date.now() - startedAt,
        bind: '127.0.0.1',
        port: Number(values.port),
        auth: 'token',
        connections: authed.size,
        channels: [],
        queueDepth: 0,
        errors: 0,
        plugins: [],
      });
    }
    case 'bench.broadcast': {
      if (!BroadcastParams.Check(frame.params)) {
        return fail(ws, frame.id, 'INVALID_REQUEST', firstError(BroadcastParams, frame.params));
      }
      const t0 = performance.now();
      const delivered = broadcast('presence', {
        presence: [{ text: frame.params.text, ts: Date.now(), mode: 'bench' }],
      });
      return reply(ws, frame.id, { ok: true, delivered, sendLoopMs: performance.now() - t0 });
    }
    default:
      return fail(ws, frame.id, 'NOT_FOUND', `unknown method: ${frame.method}`);
  }
}

const server = http.createServer((_req, res) => {
  res.writeHead(426, { 'content-type': 'text/plain' }).end('WebSocket only\n');
});
const wss = new WebSocketServer({ server, maxPayload: MAX_PAYLOAD, perMessageDeflate: false, clientTracking: false });

wss.on('connection', (ws) => {
  const conn: Conn = { id: randomUUID(), authed: false };
  conn.timer = setTimeout(() => ws.close(1008, 'handshake timeout'), HANDSHAKE_TIMEOUT_MS);
  ws.on('error', () => ws.terminate());
  ws.on('close', () => {
    clearTimeout(conn.timer);
    authed.delete(ws);
  });
  ws.on('message', (data: Buffer, isBinary) => {
    if (isBinary) return ws.close(1003, 'binary frames are not supported');
    let frame: unknown;
    try {
      frame = JSON.parse(data.toString());
    } catch {
      return ws.close(1007, 'invalid JSON');
    }
    if (!RequestFrame.Check(frame)) {
      const id = typeof (frame as { id?: unknown })?.id === 'string' ? (frame as { id: string }).id : undefined;
      fail(ws, id, 'INVALID_REQUEST', firstError(RequestFrame, frame));
      if (!conn.authed) ws.close(1008, 'invalid handshake');
      return;
    }
    if (!conn.authed) return handshake(ws, conn, frame);
    dispatch(ws, frame);
  });
  ws.send(
    JSON.stringify({ type: 'event', event: 'connect.challenge', payload: { nonce: randomUUID(), ts: Date.now() } }),
  );
});

setInterval(() => broadcast('tick', { ts: Date.now() }), TICK_INTERVAL_MS).unref();

server.listen(Number(values.port), '127.0.0.1', () => {
  const address = server.address();
  const port = address && typeof address === 'object' ? address.port : Number(values.port);
  process.stdout.write(`LISTENING ${port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    for (const ws of authed) ws.terminate();
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 1000).unref();
  });
}
