import {
  type DeviceIdentity,
  forgetDeviceToken,
  type StoredDeviceToken,
  saveDeviceToken,
  signedPayload,
} from './device-identity.js';
import { EventSequence } from './event-sequence.js';
import {
  type ErrorShape,
  type EventFrame,
  GatewayRequestError,
  type HelloOk,
  type ResponseFrame,
} from './protocol-types.js';
import { reconnectDelayMs } from './reconnect-backoff.js';

declare const __APP_VERSION__: string;

export const CLIENT_ID = 'moltbot-control-ui';
export const CLIENT_MODE = 'ui';
const ROLE = 'operator';
const FULL_SCOPES = ['operator.admin', 'operator.approvals', 'operator.pairing'];

export type ConnectionState = 'idle' | 'connecting' | 'connected' | 'reconnecting' | 'failed';

/** What the user gave us: a token or a password (at most one). */
export interface Credentials {
  token?: string;
  password?: string;
}

interface Pending {
  method: string;
  resolve(payload: unknown): void;
  reject(err: Error): void;
  timer: number;
}

type EventListenerFn = (frame: EventFrame) => void;

/**
 * One live connection to the gateway, as any client speaks it: wait for `connect.challenge`,
 * send `connect` (token or password, plus the signed device block), keep hello-ok. When the
 * socket drops it reconnects with backoff (after a restart, once the announced
 * `restartExpectedMs` has passed); a wrong secret stops it and says why. A gap in the broadcast
 * `seq`, or silence for more than two ticks, resyncs from a fresh hello-ok.
 */
export class GatewayConnection extends EventTarget {
  state: ConnectionState = 'idle';
  hello?: HelloOk;
  /** Why the last connect was refused (state `failed`), or why the socket dropped. */
  lastError?: ErrorShape;
  /** When the next reconnect attempt happens (state `reconnecting`). */
  nextAttemptAt?: number;
  /** Set when a stored device token, not a secret the user typed, authenticated this page. */
  usingDeviceToken = false;

  private ws?: WebSocket;
  private readonly pending = new Map<string, Pending>();
  private readonly listeners = new Map<string, Set<EventListenerFn>>();
  private readonly sequence = new EventSequence();
  private credentials: Credentials = {};
  private deviceToken?: StoredDeviceToken;
  private attempt = 0;
  private nextId = 1;
  private restartExpectedMs?: number;
  private reconnectTimer?: number;
  private watchdog?: number;
  private lastFrameAt = 0;
  private readonly instanceId = tabInstanceId();

  /**
   * `device` may still be loading (IndexedDB, a first key generation): the socket opens at once
   * and the connect frame waits for it, so both happen at the same time.
   */
  constructor(
    private readonly url: string,
    private readonly device: Promise<DeviceIdentity | undefined>,
  ) {
    super();
    window.addEventListener('online', () => {
      if (this.state === 'reconnecting') this.reconnectNow();
    });
  }

  /** Connect with these credentials (or the stored device token when there are none). */
  start(credentials: Credentials, deviceToken?: StoredDeviceToken): void {
    this.stop();
    this.credentials = credentials;
    this.deviceToken = deviceToken;
    this.attempt = 0;
    this.open();
  }

  /** Close for good (sign out, new credentials). */
  stop(): void {
    window.clearTimeout(this.reconnectTimer);
    window.clearInterval(this.watchdog);
    const ws = this.ws;
    this.ws = undefined;
    if (ws) {
      ws.onclose = null;
      ws.close(1000, 'client closed');
    }
    this.failPending('the connection was closed');
    this.hello = undefined;
    this.setState('idle');
  }

  hasMethod(name: string): boolean {
    return this.hello?.features.methods.includes(name) ?? false;
  }

  /** One request; resolves with the final payload or rejects with a GatewayRequestError. */
  request<T = any>(method: string, params: unknown = {}, options: { timeoutMs?: number } = {}): Promise<T> {
    const ws = this.ws;
    if (!ws || this.state !== 'connected' || ws.readyState !== WebSocket.OPEN)
      return Promise.reject(new GatewayRequestError({ code: 'UNAVAILABLE', message: 'not connected to the gateway' }));
    const id = String(this.nextId++);
    return new Promise<T>((resolve, reject) => {
      const timeoutMs = options.timeoutMs ?? 30_000;
      const timer = window.setTimeout(() => {
        this.pending.delete(id);
        reject(
          new GatewayRequestError({ code: 'TIMEOUT', message: `${method} got no answer within ${timeoutMs / 1000} s` }),
        );
      }, timeoutMs);
      this.pending.set(id, { method, resolve: resolve as (p: unknown) => void, reject, timer });
      ws.send(JSON.stringify({ type: 'req', id, method, params }));
    });
  }

  /** Listen to one event name (or `*` for all); returns the unsubscribe function. */
  on(event: string, fn: EventListenerFn): () => void {
    let set = this.listeners.get(event);
    if (!set) this.listeners.set(event, (set = new Set()));
    set.add(fn);
    return () => set!.delete(fn);
  }

  reconnectNow(): void {
    window.clearTimeout(this.reconnectTimer);
    this.open();
  }

  private open(): void {
    window.clearTimeout(this.reconnectTimer);
    this.setState(this.attempt === 0 && !this.hello ? 'connecting' : 'reconnecting');
    this.nextAttemptAt = undefined;
    let ws: WebSocket;
    try {
      ws = new WebSocket(this.url);
    } catch (err) {
      this.lastError = { code: 'UNAVAILABLE', message: (err as Error).message };
      this.scheduleReconnect();
      return;
    }
    this.ws = ws;
    let challenged = false;
    const challengeTimer = window.setTimeout(() => {
      if (!challenged && this.ws === ws) ws.close(4000, 'no challenge');
    }, 5000);
    ws.onmessage = (msg) => {
      this.lastFrameAt = Date.now();
      let frame: ResponseFrame | EventFrame;
      try {
        frame = JSON.parse(String(msg.data));
      } catch {
        return;
      }
      if (frame.type === 'event' && frame.event === 'connect.challenge' && !challenged) {
        challenged = true;
        window.clearTimeout(challengeTimer);
        void this.sendConnect(ws, String(frame.payload?.nonce ?? ''));
        return;
      }
      if (frame.type === 'res') this.onResponse(ws, frame);
      else if (frame.type === 'event') this.onEvent(ws, frame);
    };
    ws.onclose = (ev) => {
      window.clearTimeout(challengeTimer);
      if (this.ws !== ws) return;
      this.ws = undefined;
      window.clearInterval(this.watchdog);
      this.failPending('the connection to the gateway was lost');
      if (this.state === 'failed') return;
      if (ev.code !== 1000 && ev.code !== 1005)
        this.lastError = { code: 'UNAVAILABLE', message: closeReason(ev.code, ev.reason) };
      this.scheduleReconnect(ev.code);
    };
  }

  private async sendConnect(ws: WebSocket, nonce: string): Promise<void> {
    const { token, password } = this.credentials;
    const viaDeviceToken = !token && !password && this.deviceToken !== undefined;
    const authToken = token ?? (viaDeviceToken ? this.deviceToken!.token : undefined);
    const scopes = viaDeviceToken ? this.deviceToken!.scopes : FULL_SCOPES;
    const params: Record<string, unknown> = {
      minProtocol: 3,
      maxProtocol: 7,
      client: {
        id: CLIENT_ID,
        version: __APP_VERSION__,
        platform: (navigator.platform || 'web').slice(0, 64),
        mode: CLIENT_MODE,
        instanceId: this.instanceId,
        displayName: 'Control UI',
      },
      role: ROLE,
      scopes,
      caps: [],
      auth: password !== undefined ? { password } : authToken !== undefined ? { token: authToken } : {},
      locale: navigator.language.slice(0, 64),
      userAgent: navigator.userAgent.slice(0, 512),
    };
    const device = await this.device;
    if (device) {
      const signedAt = Date.now();
      const signature = await device.sign(
        signedPayload({
          deviceId: device.id,
          clientId: CLIENT_ID,
          clientMode: CLIENT_MODE,
          role: ROLE,
          scopes,
          signedAt,
          token: authToken,
          nonce,
        }),
      );
      params.device = { id: device.id, publicKey: device.publicKey, signature, signedAt, nonce };
    }
    if (this.ws !== ws || ws.readyState !== WebSocket.OPEN) return;
    this.usingDeviceToken = viaDeviceToken;
    ws.send(JSON.stringify({ type: 'req', id: 'connect', method: 'connect', params }));
  }

  private onResponse(ws: WebSocket, frame: ResponseFrame): void {
    if (frame.id === 'connect') {
      if (frame.ok) this.onHello(ws, frame.payload as HelloOk);
      else void this.onRefused(frame.error ?? { code: 'UNAUTHORIZED', message: 'connect refused' });
      return;
    }
    const p = this.pending.get(frame.id);
    if (!p) return;
    if (frame.ok && p.method === 'agent' && frame.payload?.status === 'accepted') return;
    this.pending.delete(frame.id);
    window.clearTimeout(p.timer);
    if (frame.ok) p.resolve(frame.payload);
    else p.reject(new GatewayRequestError(frame.error ?? { code: 'INTERNAL', message: `${p.method} failed` }));
  }

  private onHello(ws: WebSocket, hello: HelloOk): void {
    if (this.ws !== ws) return;
    this.hello = hello;
    this.attempt = 0;
    this.restartExpectedMs = undefined;
    this.lastError = undefined;
    this.sequence.reset();
    if (hello.auth?.deviceToken) {
      this.deviceToken = {
        token: hello.auth.deviceToken,
        role: hello.auth.role,
        scopes: hello.auth.scopes,
        issuedAtMs: hello.auth.issuedAtMs,
      };
      // Off the critical path: the page is connected whether or not the write has finished.
      void saveDeviceToken(this.deviceToken);
    }
    const tick = hello.policy?.tickIntervalMs ?? 30_000;
    window.clearInterval(this.watchdog);
    this.watchdog = window.setInterval(() => {
      if (this.ws === ws && Date.now() - this.lastFrameAt > tick * 2.5) ws.close(4001, 'no tick');
    }, 5000);
    this.setState('connected');
    this.dispatchEvent(new CustomEvent('hello', { detail: hello }));
  }

  private async onRefused(error: ErrorShape): Promise<void> {
    if (this.usingDeviceToken && (error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN')) {
      // The saved sign-in of this browser was revoked or rotated elsewhere: forget it and ask.
      this.deviceToken = undefined;
      await forgetDeviceToken();
      error = {
        ...error,
        message: `this browser's saved sign-in is no longer valid (${error.message}); enter the gateway token again`,
      };
    }
    this.lastError = error;
    this.setState('failed');
    const ws = this.ws;
    this.ws = undefined;
    ws?.close(1000, 'refused');
  }

  private onEvent(ws: WebSocket, frame: EventFrame): void {
    if (this.ws !== ws || this.state !== 'connected') return;
    if (frame.event === 'shutdown') this.restartExpectedMs = frame.payload?.restartExpectedMs;
    if (this.sequence.observe(frame.seq)) {
      // Missed broadcasts: our picture of the gateway may be stale. Start over from hello-ok.
      ws.close(4002, 'event gap');
      return;
    }
    for (const name of [frame.event, '*']) for (const fn of this.listeners.get(name) ?? []) fn(frame);
  }

  private scheduleReconnect(code?: number): void {
    const delay =
      code === 1012 && this.restartExpectedMs !== undefined
        ? this.restartExpectedMs + reconnectDelayMs(0)
        : code === 4002
          ? 0
          : reconnectDelayMs(this.attempt);
    this.attempt++;
    this.nextAttemptAt = Date.now() + delay;
    this.setState('reconnecting');
    this.reconnectTimer = window.setTimeout(() => this.open(), delay);
  }

  private failPending(message: string): void {
    for (const [id, p] of this.pending) {
      window.clearTimeout(p.timer);
      p.reject(new GatewayRequestError({ code: 'UNAVAILABLE', message }));
      this.pending.delete(id);
    }
  }

  private setState(state: ConnectionState): void {
    this.state = state;
    this.dispatchEvent(new Event('state'));
  }
}

function closeReason(code: number, reason: string): string {
  if (code === 1012) return 'the gateway is restarting';
  if (code === 1001) return 'the gateway stopped';
  if (code === 1013) return 'the connection fell behind and was closed by the gateway';
  if (code === 1006) return 'the gateway cannot be reached';
  return reason || `connection closed (${code})`;
}

/** One instance id per tab (kept across reloads of the tab), so presence shows one row per tab. */
function tabInstanceId(): string {
  const key = 'moltbot.control-ui.instance';
  try {
    const existing = sessionStorage.getItem(key);
    if (existing) return existing;
    const id = crypto.randomUUID();
    sessionStorage.setItem(key, id);
    return id;
  } catch {
    return crypto.randomUUID();
  }
}
