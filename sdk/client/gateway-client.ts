import crypto from 'node:crypto';
import os from 'node:os';
import WebSocket from 'ws';

export interface GatewayClientOptions {
  url: string;
  token?: string;
  password?: string;
  clientId?: string;
  clientMode?: string;
  version?: string;
  role?: 'operator' | 'node';
  scopes?: string[];
  instanceId?: string;
  displayName?: string;
  /** Connect + handshake must finish within this (default 10 s). */
  timeoutMs?: number;
  /** Extra connect params (device, caps, commands…). */
  extra?: Record<string, unknown>;
  headers?: Record<string, string>;
  minProtocol?: number;
  maxProtocol?: number;
  /** Sign the challenge with a device identity: returns the connect `device` block. */
  signDevice?: (fields: {
    clientId: string;
    clientMode: string;
    role: string;
    scopes: readonly string[];
    token: string | undefined;
    nonce: string;
  }) => Record<string, unknown>;
}

export interface EventFrame {
  type: 'event';
  event: string;
  payload?: any;
  seq?: number;
  stateVersion?: { presence: number; health: number };
}

export interface ErrorShape {
  code: string;
  message: string;
  details?: any;
  retryable?: boolean;
  retryAfterMs?: number;
}

/** Why a connection attempt failed, so a CLI can print a distinct message for each. */
export type ConnectFailureKind = 'unreachable' | 'timeout' | 'auth' | 'refused' | 'closed';

export class GatewayRequestError extends Error {
  constructor(
    readonly method: string,
    readonly error: ErrorShape,
    /** A payload the gateway sent beside the error (the `agent` method's final `{runId, status, summary}`). */
    readonly payload?: any,
  ) {
    super(`${method}: ${error.code}: ${error.message}`);
    this.name = 'GatewayRequestError';
  }
}

export class GatewayConnectError extends Error {
  constructor(
    readonly kind: ConnectFailureKind,
    message: string,
    readonly error?: ErrorShape,
    readonly closeCode?: number,
  ) {
    super(message);
    this.name = 'GatewayConnectError';
  }
}

interface Pending {
  method: string;
  resolve(payload: any): void;
  reject(err: Error): void;
  onAccepted?: (payload: any) => void;
  expectFinal: boolean;
  accepted: boolean;
  timer?: NodeJS.Timeout;
}

/**
 * A protocol client of the gateway (PROTOCOL.md): waits for `connect.challenge`, sends
 * `connect`, then correlates requests and responses by id. Used by the CLI and the tests.
 */
export class GatewayClient {
  hello: any;
  readonly events: EventFrame[] = [];
  closeCode?: number;
  closeReason?: string;
  private ws?: WebSocket;
  private nextId = 1;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Set<(e: EventFrame) => void>();
  private readonly closeWaiters: Array<(code: number) => void> = [];
  nonce?: string;

  constructor(readonly options: GatewayClientOptions) {}

  static async connect(options: GatewayClientOptions): Promise<GatewayClient> {
    const c = new GatewayClient(options);
    await c.open();
    return c;
  }

  get socket(): WebSocket {
    return this.ws!;
  }

  open(): Promise<any> {
    const o = this.options;
    const timeoutMs = o.timeoutMs ?? 10_000;
    return new Promise((resolve, reject) => {
      let settled = false;
      const fail = (err: GatewayConnectError) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        try {
          this.ws?.terminate();
        } catch {
          /* already gone */
        }
        reject(err);
      };
      const timer = setTimeout(
        () => fail(new GatewayConnectError('timeout', `no hello-ok from ${o.url} within ${timeoutMs} ms`)),
        timeoutMs,
      );
      const ws = new WebSocket(o.url, { headers: o.headers, handshakeTimeout: timeoutMs });
      this.ws = ws;
      ws.on('unexpected-response', (_req, res) => {
        fail(new GatewayConnectError('refused', `gateway refused the WebSocket upgrade: HTTP ${res.statusCode}`));
      });
      ws.on('error', (err: NodeJS.ErrnoException) => {
        const kind: ConnectFailureKind = [
          'ECONNREFUSED',
          'ENOTFOUND',
          'EHOSTUNREACH',
          'ECONNRESET',
          'EAI_AGAIN',
        ].includes(err.code ?? '')
          ? 'unreachable'
          : 'closed';
        fail(
          new GatewayConnectError(
            kind,
            kind === 'unreachable' ? `gateway not reachable at ${o.url} (${err.code})` : err.message,
          ),
        );
      });
      ws.on('close', (code, reason) => {
        this.closeCode = code;
        this.closeReason = reason.toString();
        for (const p of this.pending.values()) {
          if (p.timer) clearTimeout(p.timer);
          p.reject(
            new GatewayConnectError(
              'closed',
              `connection closed (${code} ${this.closeReason}) before ${p.method} answered`,
              undefined,
              code,
            ),
          );
        }
        this.pending.clear();
        for (const w of this.closeWaiters.splice(0)) w(code);
        fail(
          new GatewayConnectError(
            'closed',
            `gateway closed the connection (${code} ${this.closeReason})`,
            undefined,
            code,
          ),
        );
      });
      ws.on('message', (data) => {
        let frame: any;
        try {
          frame = JSON.parse(data.toString());
        } catch {
          return;
        }
        if (frame.type === 'event') {
          if (frame.event === 'connect.challenge' && !settled && this.nonce === undefined) {
            this.nonce = frame.payload?.nonce;
            this.sendConnect();
            return;
          }
          this.events.push(frame);
          if (this.events.length > 5000) this.events.splice(0, 1000);
          for (const l of this.listeners) l(frame);
          return;
        }
        if (frame.type === 'res' && frame.id === 'connect') {
          if (frame.ok) {
            settled = true;
            clearTimeout(timer);
            this.hello = frame.payload;
            resolve(frame.payload);
          } else {
            const kind: ConnectFailureKind =
              frame.error?.code === 'UNAUTHORIZED' || frame.error?.code === 'RATE_LIMITED' ? 'auth' : 'refused';
            fail(new GatewayConnectError(kind, `${frame.error?.code}: ${frame.error?.message}`, frame.error));
          }
          return;
        }
        if (frame.type === 'res') this.settle(frame);
      });
    });
  }

  private sendConnect(): void {
    const o = this.options;
    const auth: Record<string, string> = {};
    if (o.token) auth.token = o.token;
    if (o.password) auth.password = o.password;
    const params: Record<string, unknown> = {
      minProtocol: o.minProtocol ?? 3,
      maxProtocol: o.maxProtocol ?? 7,
      client: {
        id: o.clientId ?? 'cli',
        version: o.version ?? '0.0.0',
        platform: process.platform,
        mode: o.clientMode ?? 'cli',
        instanceId: o.instanceId ?? crypto.randomUUID(),
        ...(o.displayName ? { displayName: o.displayName } : { displayName: os.hostname() }),
      },
      role: o.role ?? 'operator',
      ...(o.scopes ? { scopes: o.scopes } : {}),
      auth,
      ...o.extra,
    };
    if (o.signDevice && this.nonce) {
      params.device = o.signDevice({
        clientId: o.clientId ?? 'cli',
        clientMode: o.clientMode ?? 'cli',
        role: o.role ?? 'operator',
        scopes: o.scopes ?? [],
        token: auth.token,
        nonce: this.nonce,
      });
    }
    this.ws!.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params }));
  }

  private settle(frame: { id: string; ok: boolean; payload?: any; error?: ErrorShape }): void {
    const p = this.pending.get(frame.id);
    if (!p) return;
    // Two-stage methods (`agent`) answer `{runId, status:"accepted"}` first; the final
    // response follows with the same id. The promise resolves with the final one.
    if (frame.ok && p.expectFinal && !p.accepted && frame.payload?.status === 'accepted') {
      p.accepted = true;
      p.onAccepted?.(frame.payload);
      return;
    }
    this.pending.delete(frame.id);
    if (p.timer) clearTimeout(p.timer);
    if (frame.ok) p.resolve(frame.payload);
    else
      p.reject(
        new GatewayRequestError(
          p.method,
          frame.error ?? { code: 'INTERNAL', message: 'no error given' },
          frame.payload,
        ),
      );
  }

  /**
   * Send a request; resolves with the final payload. An early `{status:"accepted"}` ack is
   * passed to `onAccepted` and not taken as the answer when `expectFinal` is set — by default
   * for the two-stage `agent` method, or whenever `onAccepted` is given.
   */
  request<T = any>(
    method: string,
    params?: unknown,
    opts: { timeoutMs?: number; onAccepted?: (payload: any) => void; expectFinal?: boolean } = {},
  ): Promise<T> {
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        reject(
          new GatewayConnectError(
            'closed',
            `${method}: the connection is ` +
              `closed${this.closeCode !== undefined ? ` (${this.closeCode} ${this.closeReason ?? ''})` : ''}`,
            undefined,
            this.closeCode,
          ),
        );
        return;
      }
      const expectFinal = opts.expectFinal ?? (opts.onAccepted !== undefined || method === 'agent');
      const p: Pending = { method, resolve, reject, onAccepted: opts.onAccepted, expectFinal, accepted: false };
      if (opts.timeoutMs) {
        p.timer = setTimeout(() => {
          this.pending.delete(id);
          reject(new GatewayConnectError('timeout', `${method}: no response within ${opts.timeoutMs} ms`));
        }, opts.timeoutMs);
      }
      this.pending.set(id, p);
      this.ws!.send(JSON.stringify({ type: 'req', id, method, ...(params === undefined ? {} : { params }) }));
    });
  }

  onEvent(listener: (e: EventFrame) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The first event (already received or future) matching the predicate. */
  waitForEvent(predicate: (e: EventFrame) => boolean, timeoutMs = 5000): Promise<EventFrame> {
    const seen = this.events.find(predicate);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new Error(`no matching event within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onEvent((e) => {
        if (predicate(e)) {
          clearTimeout(timer);
          off();
          resolve(e);
        }
      });
    });
  }

  waitForClose(timeoutMs = 5000): Promise<number> {
    if (this.closeCode !== undefined) return Promise.resolve(this.closeCode);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`connection still open after ${timeoutMs} ms`)), timeoutMs);
      this.closeWaiters.push((code) => {
        clearTimeout(timer);
        resolve(code);
      });
    });
  }

  close(): void {
    try {
      this.ws?.close(1000);
    } catch {
      /* closed */
    }
  }
}
