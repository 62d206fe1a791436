import WebSocket from 'ws';
import { now } from './clock.js';

/** An `ok:false` response, or a handshake the server refused. */
export class ProtocolError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
    this.name = 'ProtocolError';
  }
}

interface Frame {
  type?: unknown;
  id?: unknown;
  ok?: unknown;
  payload?: unknown;
  error?: { code?: unknown; message?: unknown };
  event?: unknown;
}

interface Pending {
  resolve(payload: unknown): void;
  reject(err: Error): void;
  timer?: NodeJS.Timeout;
}

export interface ConnectOptions {
  /** `ws://127.0.0.1:<port>/` */
  readonly url: string;
  /** `params` of the `connect` request. */
  readonly connectParams: Record<string, unknown>;
  /** For the whole handshake: open, challenge, hello-ok. */
  readonly timeoutMs?: number;
}

/** Time points of one handshake (absolute ms, see `clock.now`). */
export interface HandshakeTiming {
  readonly startedAt: number;
  readonly openAt: number;
  readonly challengeAt: number;
  readonly helloAt: number;
}

/**
 * A minimal client of the gateway wire protocol (PROTOCOL.md): waits for `connect.challenge`,
 * sends `connect`, awaits `hello-ok`, then correlates requests and responses by id.
 */
export class ProtocolClient {
  /** Sees every inbound frame before it is parsed; returning true consumes it. */
  tap: ((raw: Buffer) => boolean) | undefined;
  private eventListener: ((event: string, payload: unknown) => void) | undefined;
  private readonly pending = new Map<string, Pending>();
  private nextId = 1;
  private closeReason: string | undefined;

  private constructor(
    private readonly ws: WebSocket,
    readonly hello: Record<string, unknown>,
    readonly timing: HandshakeTiming,
  ) {}

  static connect(opts: ConnectOptions): Promise<ProtocolClient> {
    const startedAt = now();
    const ws = new WebSocket(opts.url, { perMessageDeflate: false, handshakeTimeout: opts.timeoutMs ?? 10_000 });
    return new Promise<ProtocolClient>((resolve, reject) => {
      let openAt = 0;
      let challengeAt = 0;
      let settled = false;
      const fail = (err: Error): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        ws.removeAllListeners('message');
        ws.terminate();
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new Error(`handshake timed out after ${opts.timeoutMs ?? 10_000} ms`)),
        opts.timeoutMs ?? 10_000,
      );
      ws.once('open', () => (openAt = now()));
      ws.on('error', (err) => fail(err));
      ws.once('close', (code, reason) => fail(new Error(`closed during handshake: ${code} ${reason.toString()}`)));
      ws.on('message', (data: Buffer) => {
        let frame: Frame;
        try {
          frame = JSON.parse(data.toString()) as Frame;
        } catch {
          return fail(new Error('server sent a non-JSON frame during handshake'));
        }
        if (frame.type === 'event' && frame.event === 'connect.challenge' && challengeAt === 0) {
          challengeAt = now();
          ws.send(JSON.stringify({ type: 'req', id: 'connect-1', method: 'connect', params: opts.connectParams }));
          return;
        }
        if (frame.type === 'res' && frame.id === 'connect-1') {
          if (frame.ok !== true) {
            return fail(
              new ProtocolError(
                String(frame.error?.code ?? 'UNKNOWN'),
                String(frame.error?.message ?? 'connect refused'),
              ),
            );
          }
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          ws.removeAllListeners('message');
          ws.removeAllListeners('close');
          ws.removeAllListeners('error');
          const timing = { startedAt, openAt, challengeAt, helloAt: now() };
          const client = new ProtocolClient(ws, (frame.payload ?? {}) as Record<string, unknown>, timing);
          client.attach();
          resolve(client);
        }
        // other events before hello-ok (none expected) are ignored
      });
    });
  }

  private attach(): void {
    this.ws.on('message', (data: Buffer) => this.onMessage(data));
    this.ws.on('error', () => undefined); // surfaced through 'close'
    this.ws.once('close', (code, reason) => {
      this.closeReason = `connection closed: ${code} ${reason.toString()}`;
      const err = new Error(this.closeReason);
      for (const pending of this.pending.values()) {
        clearTimeout(pending.timer);
        pending.reject(err);
      }
      this.pending.clear();
    });
  }

  private onMessage(data: Buffer): void {
    if (this.tap?.(data)) return;
    let frame: Frame;
    try {
      frame = JSON.parse(data.toString()) as Frame;
    } catch {
      return;
    }
    if (frame.type === 'res' && typeof frame.id === 'string') {
      const pending = this.pending.get(frame.id);
      if (!pending) return;
      this.pending.delete(frame.id);
      clearTimeout(pending.timer);
      if (frame.ok === true) pending.resolve(frame.payload);
      else
        pending.reject(new ProtocolError(String(frame.error?.code ?? 'UNKNOWN'), String(frame.error?.message ?? '')));
    } else if (frame.type === 'event' && typeof frame.event === 'string') {
      this.eventListener?.(frame.event, frame.payload);
    }
  }

  get open(): boolean {
    return this.ws.readyState === WebSocket.OPEN;
  }

  onEvent(listener: ((event: string, payload: unknown) => void) | undefined): void {
    this.eventListener = listener;
  }

  /** Sends a request; resolves with the payload of an `ok:true` response. */
  request(method: string, params?: unknown, timeoutMs = 30_000): Promise<unknown> {
    if (this.closeReason) return Promise.reject(new Error(this.closeReason));
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      const pending: Pending = { resolve, reject };
      if (timeoutMs > 0) {
        pending.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new Error(`${method} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
      }
      this.pending.set(id, pending);
      const frame = params === undefined ? { type: 'req', id, method } : { type: 'req', id, method, params };
      this.ws.send(JSON.stringify(frame));
    });
  }

  close(): Promise<void> {
    if (this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        this.ws.terminate();
        resolve();
      }, 2000);
      this.ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      this.ws.close(1000, 'bench done');
    });
  }

  /** Drops the connection without a closing handshake (fast teardown of many clients). */
  terminate(): void {
    this.ws.terminate();
  }
}
