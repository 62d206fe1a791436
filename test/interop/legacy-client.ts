import crypto from 'node:crypto';
import WebSocket from 'ws';
import { type DeviceKey, signDevice } from '../kernel/device-key.js';

/**
 * The existing Moltbot client (2026.1.27, protocol 3) as seen on the wire: what its
 * `GatewayClient` sends and how it treats the answers, rebuilt here so the interop tests replay
 * it against the real gateway process. Behaviour that matters for compatibility, as in the
 * original client:
 * - it waits for `connect.challenge` and signs its nonce (`v2|…`) with its device key;
 * - it prefers a device token it stored earlier over the shared token, and falls back to the
 *   shared token next time when a connect with a stored token fails (it forgets the token);
 * - it stores `hello-ok.auth.deviceToken` when one is given;
 * - `expectFinal` requests skip the `{status:"accepted"}` acknowledgement.
 */

/** The client's `identity/device-auth.json`: one stored token per role. */
export class LegacyDeviceAuthStore {
  readonly tokens = new Map<string, { token: string; scopes: string[] }>();
  load(role: string): string | undefined {
    return this.tokens.get(role)?.token;
  }
  store(role: string, token: string, scopes: string[]): void {
    this.tokens.set(role, { token, scopes: [...scopes].sort() });
  }
  clear(role: string): void {
    this.tokens.delete(role);
  }
}

export interface LegacyClientOptions {
  url: string;
  token?: string;
  password?: string;
  /** Device identity; null for clients that send none. */
  identity: DeviceKey | null;
  authStore?: LegacyDeviceAuthStore;
  clientName?: string;
  clientDisplayName?: string;
  clientVersion?: string;
  platform?: string;
  mode?: string;
  instanceId?: string;
  role?: string;
  scopes?: string[];
  caps?: string[];
  commands?: string[];
  permissions?: Record<string, boolean>;
  pathEnv?: string;
  minProtocol?: number;
  maxProtocol?: number;
}

export class LegacyRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: any,
  ) {
    super(message);
  }
}

interface Pending {
  resolve(payload: any): void;
  reject(err: Error): void;
  expectFinal: boolean;
}

export class LegacyClient {
  readonly events: any[] = [];
  /** Every frame the client sent, as sent (the connect included). */
  readonly sent: any[] = [];
  hello: any;
  private ws!: WebSocket;
  private readonly pending = new Map<string, Pending>();
  private readonly eventWaiters: Array<() => void> = [];
  closed!: Promise<{ code: number; reason: string }>;

  private constructor(private readonly opts: LegacyClientOptions) {}

  /** Open, answer the challenge with the client's connect, resolve with hello-ok (or reject). */
  static async connect(opts: LegacyClientOptions): Promise<LegacyClient> {
    const client = new LegacyClient(opts);
    await client.open();
    return client;
  }

  private async open(): Promise<void> {
    this.ws = new WebSocket(this.opts.url, { maxPayload: 25 * 1024 * 1024 });
    this.closed = new Promise((resolve) =>
      this.ws.on('close', (code, reason) => {
        for (const p of this.pending.values()) p.reject(new Error(`gateway closed (${code}): ${reason}`));
        this.pending.clear();
        resolve({ code, reason: reason.toString() });
      }),
    );
    const challenge = new Promise<string>((resolve, reject) => {
      this.ws.on('message', (data) => {
        const frame = JSON.parse(data.toString());
        if (frame.type === 'event' && frame.event === 'connect.challenge') return resolve(frame.payload.nonce);
        this.onFrame(frame);
      });
      this.ws.once('error', reject);
    });
    await this.sendConnect(await challenge);
  }

  private async sendConnect(nonce: string): Promise<void> {
    const o = this.opts;
    const role = o.role ?? 'operator';
    const storedToken = o.identity ? o.authStore?.load(role) : undefined;
    const authToken = storedToken ?? o.token;
    const canFallbackToShared = Boolean(storedToken && o.token);
    const auth = authToken || o.password ? { token: authToken, password: o.password } : undefined;
    const scopes = o.scopes ?? ['operator.admin'];
    const clientId = o.clientName ?? 'gateway-client';
    const mode = o.mode ?? 'backend';
    const device = o.identity
      ? signDevice(o.identity, { clientId, clientMode: mode, role, scopes, token: authToken, nonce })
      : undefined;
    const params = {
      minProtocol: o.minProtocol ?? 3,
      maxProtocol: o.maxProtocol ?? 3,
      client: {
        id: clientId,
        displayName: o.clientDisplayName,
        version: o.clientVersion ?? '2026.1.27',
        platform: o.platform ?? 'linux',
        mode,
        instanceId: o.instanceId,
      },
      caps: o.caps ?? [],
      commands: o.commands,
      permissions: o.permissions,
      pathEnv: o.pathEnv,
      auth,
      role,
      scopes,
      device,
    };
    try {
      this.hello = await this.request('connect', params);
    } catch (err) {
      if (canFallbackToShared && o.identity) o.authStore?.clear(role);
      this.ws.close(1008, 'connect failed');
      throw err;
    }
    const info = this.hello?.auth;
    if (info?.deviceToken && o.identity) o.authStore?.store(info.role ?? role, info.deviceToken, info.scopes ?? []);
  }

  private onFrame(frame: any): void {
    if (frame.type === 'event') {
      this.events.push(frame);
      for (const w of this.eventWaiters.splice(0)) w();
      return;
    }
    if (frame.type !== 'res') return;
    const p = this.pending.get(frame.id);
    if (!p) return;
    if (p.expectFinal && frame.payload?.status === 'accepted') return;
    this.pending.delete(frame.id);
    if (frame.ok) p.resolve(frame.payload);
    else
      p.reject(
        new LegacyRequestError(
          frame.error?.code ?? 'UNAVAILABLE',
          frame.error?.message ?? 'unknown error',
          frame.error?.details,
        ),
      );
  }

  request(method: string, params?: unknown, opts: { expectFinal?: boolean } = {}): Promise<any> {
    const id = crypto.randomUUID();
    const frame = { type: 'req', id, method, params };
    this.sent.push(JSON.parse(JSON.stringify(frame)));
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject, expectFinal: opts.expectFinal === true });
      this.ws.send(JSON.stringify(frame));
    });
  }

  /** The first event (seen or still to come) that matches. */
  waitEvent(predicate: (frame: any) => boolean, timeoutMs = 10_000): Promise<any> {
    return new Promise((resolve, reject) => {
      const deadline = Date.now() + timeoutMs;
      const check = () => {
        const hit = this.events.find(predicate);
        if (hit) return resolve(hit);
        if (Date.now() > deadline)
          return reject(new Error(`no matching event within ${timeoutMs} ms; got ${this.events.map((e) => e.event)}`));
        this.eventWaiters.push(check);
        setTimeout(check, 50);
      };
      check();
    });
  }

  close(): void {
    this.ws.close();
  }
}

/**
 * One CLI command's gateway call (`callGateway` of the existing CLI): a fresh client as `cli`,
 * mode `cli`, the CLI's three scopes and a new instance id, one request, then close.
 */
export async function legacyCliCall(
  base: { url: string; token?: string; identity: DeviceKey | null; authStore?: LegacyDeviceAuthStore },
  method: string,
  params?: unknown,
  opts: { expectFinal?: boolean } = {},
): Promise<any> {
  const client = await LegacyClient.connect({
    ...base,
    clientName: 'cli',
    mode: 'cli',
    instanceId: crypto.randomUUID(),
    scopes: ['operator.admin', 'operator.approvals', 'operator.pairing'],
  });
  try {
    return await client.request(method, params, opts);
  } finally {
    client.close();
  }
}
