import http from 'node:http';
import WebSocket from 'ws';

/**
 * A bare WebSocket to the gateway for the refusal tests: it records every frame and the close
 * code, and lets a test send exactly the bytes it wants (the GatewayClient is too polite).
 */
export interface RawSocket {
  ws: WebSocket;
  frames: any[];
  /** The connect.challenge nonce. */
  nonce: string;
  send(frame: unknown): void;
  next(predicate: (f: any) => boolean, timeoutMs?: number): Promise<any>;
  closed: Promise<{ code: number; reason: string }>;
}

export async function openRaw(
  url: string,
  headers: Record<string, string> = {},
  /** Connect from this local address (another 127.0.0.x: the rate-limit tests). */
  localAddress?: string,
): Promise<RawSocket> {
  const ws = new WebSocket(url, { headers, maxPayload: 64 * 1024 * 1024, ...(localAddress ? { localAddress } : {}) });
  const frames: any[] = [];
  const waiters: Array<() => void> = [];
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    ws.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  ws.on('message', (d) => {
    try {
      frames.push(JSON.parse(d.toString()));
    } catch {
      frames.push({ unparsable: d.toString() });
    }
    for (const w of waiters.splice(0)) w();
  });
  const next = (predicate: (f: any) => boolean, timeoutMs = 5000) =>
    new Promise<any>((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        const hit = frames.find(predicate);
        if (hit) return resolve(hit);
        if (Date.now() > deadline)
          return reject(
            new Error(`no matching frame within ${timeoutMs} ms; got ${JSON.stringify(frames).slice(0, 500)}`),
          );
        waiters.push(check);
        setTimeout(check, 50);
      };
      check();
    });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: HTTP ${res.statusCode}`)));
  });
  const challenge = await next((f) => f.event === 'connect.challenge');
  return {
    ws,
    frames,
    nonce: challenge.payload.nonce,
    send: (frame) => ws.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    next,
    closed,
  };
}

/** A valid connect request; `params` overrides fields. */
export function connectFrame(
  token: string | undefined,
  params: Record<string, unknown> = {},
  id = 'c1',
): Record<string, unknown> {
  return {
    type: 'req',
    id,
    method: 'connect',
    params: {
      minProtocol: 3,
      maxProtocol: 7,
      client: { id: 'test', version: '1.0.0', platform: 'linux', mode: 'test' },
      ...(token === undefined ? {} : { auth: { token } }),
      ...params,
    },
  };
}

/** Send a connect and return the response frame. */
export async function connectRaw(sock: RawSocket, frame: Record<string, unknown>): Promise<any> {
  sock.send(frame);
  return sock.next((f) => f.type === 'res' && f.id === frame.id);
}

/** Try a WebSocket upgrade and return the HTTP status and body of a refusal (101 when it upgraded). */
export function upgradeStatus(
  port: number,
  headers: Record<string, string>,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1',
      port,
      path: '/',
      // A fresh socket each time: a refused upgrade leaves its socket unusable for keep-alive.
      agent: false,
      headers: {
        connection: 'Upgrade',
        upgrade: 'websocket',
        'sec-websocket-version': '13',
        'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==',
        ...headers,
      },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve({ status: res.statusCode ?? 0, body: '' });
    });
    req.on('response', (res) => {
      let body = '';
      res.on('data', (d) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
