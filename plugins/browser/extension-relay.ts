import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Logger } from 'pino';
import WebSocket, { WebSocketServer } from 'ws';
import type { OpenListener, PluginContext } from '../../sdk/index.js';
import { browserError } from './errors.js';

export const RELAY_TOKEN_HEADER = 'x-moltbot-relay-token';
export const RELAY_BROWSER = 'Moltbot/extension-relay';
const EXTENSION_ORIGIN = /^chrome-extension:\/\/[a-z0-9]{16,64}$/;
const COMMAND_TIMEOUT_MS = 30_000;

interface TargetInfo {
  targetId: string;
  type?: string;
  title?: string;
  url?: string;
}
interface CdpCommand {
  id: number;
  method: string;
  params?: Record<string, unknown>;
  sessionId?: string;
}

/** The relay token for a port: HMAC of the gateway secret (the gateway secret itself is accepted too). */
export function relayTokenFor(ctx: PluginContext<unknown>, port: number): string {
  return ctx.auth.derivedSecret(`moltbot-extension-relay-v1:${port}`);
}

/**
 * The Chrome extension relay (B+3): your own Chrome, driven through the Moltbot extension.
 * `/extension` takes one extension WebSocket (Origin `chrome-extension://<id>` and the relay
 * token); `/cdp` is a CDP endpoint for the control service (the `chrome` profile) whose commands
 * the relay forwards to the extension (`forwardCDPCommand`) and whose events come back from it
 * (`forwardCDPEvent`); `/json/version` and `/json/list` answer like Chromium's. Browser-level
 * target commands are answered here from the tabs the extension attached.
 */
export class ExtensionRelay {
  private readonly wssExtension = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  private readonly wssCdp = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 * 1024 });
  private extension?: WebSocket;
  private readonly cdpClients = new Set<WebSocket>();
  /** sessionId → target, as the extension attached them. */
  private readonly targets = new Map<string, TargetInfo>();
  private readonly pending = new Map<
    number,
    { resolve(v: unknown): void; reject(e: Error): void; timer: NodeJS.Timeout }
  >();
  private nextId = 1;
  private ping?: NodeJS.Timeout;
  private port = 0;

  constructor(
    private readonly ctx: PluginContext<unknown>,
    private readonly logger: Logger,
  ) {}

  get extensionConnected(): boolean {
    return this.extension?.readyState === WebSocket.OPEN;
  }

  async open(host: string, port: number): Promise<OpenListener> {
    const listener = await this.ctx.listeners.open({
      label: 'extension relay',
      host,
      port,
      auth: 'plugin',
      routes: (app) => {
        app.addHook('onRequest', async (req) => {
          const path = req.url.split('?')[0];
          if (path === '/') return;
          // Thrown, so the kernel's one refusal path (wireError) answers it like every other 401.
          if (!this.authorized(req))
            throw browserError(
              'GW_ERR_BROWSER_RELAY_UNAUTHORIZED',
              `relay token required: send it as "${RELAY_TOKEN_HEADER}: <token>", a bearer, or ?token=`,
            );
        });
        app.get('/', async () => 'OK');
        app.get('/extension/status', async () => ({ connected: this.extensionConnected }));
        for (const url of ['/json/version', '/json/version/']) {
          app.route({ method: ['GET', 'PUT'], url, handler: async (req) => this.version(req.headers.host) });
        }
        for (const url of ['/json', '/json/', '/json/list', '/json/list/']) {
          app.route({ method: ['GET', 'PUT'], url, handler: async (req) => this.list(req.headers.host) });
        }
      },
      upgrade: (req, socket, head) => this.upgrade(req, socket, head),
    });
    this.port = listener.port;
    return listener;
  }

  async close(): Promise<void> {
    clearInterval(this.ping);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(new Error('relay closing'));
    }
    this.pending.clear();
    this.extension?.close(1001, 'relay stopping');
    for (const c of this.cdpClients) c.close(1001, 'relay stopping');
    this.wssExtension.close();
    this.wssCdp.close();
  }

  private authorized(req: {
    headers: IncomingMessage['headers'];
    socket: { remoteAddress?: string };
    url?: string;
  }): boolean {
    const url = new URL(req.url ?? '/', 'http://relay.invalid');
    const header = req.headers[RELAY_TOKEN_HEADER];
    const bearer = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '')?.[1];
    const presented =
      (typeof header === 'string' ? header : undefined) ?? bearer ?? url.searchParams.get('token') ?? undefined;
    if (presented === undefined) return false;
    const expected = Buffer.from(relayTokenFor(this.ctx, this.port));
    const given = Buffer.from(presented);
    if (given.length === expected.length && crypto.timingSafeEqual(given, expected)) return true;
    return this.ctx.auth.checkCredential(req, { presented, verify: (p) => this.ctx.auth.isGatewaySecret(p) }).ok;
  }

  private version(host: string | undefined) {
    const out: Record<string, unknown> = { Browser: RELAY_BROWSER, 'Protocol-Version': '1.3' };
    // Like the original: only advertise a debugger URL when an extension is there to answer.
    if (this.extensionConnected) out.webSocketDebuggerUrl = `ws://${host ?? `127.0.0.1:${this.port}`}/cdp`;
    return out;
  }

  private list(host: string | undefined) {
    const ws = `ws://${host ?? `127.0.0.1:${this.port}`}/cdp`;
    return [...this.targets.values()].map((t) => ({
      id: t.targetId,
      type: t.type ?? 'page',
      title: t.title ?? '',
      description: t.title ?? '',
      url: t.url ?? '',
      webSocketDebuggerUrl: ws,
    }));
  }

  /** Refusals are thrown: the kernel writes their status and the gateway's error body (wireError). */
  private upgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/extension') {
      const origin = req.headers.origin ?? '';
      if (!EXTENSION_ORIGIN.test(origin))
        throw browserError('GW_ERR_BROWSER_RELAY_ORIGIN', 'only the Moltbot Chrome extension may connect here');
      this.requireToken(req);
      if (this.extensionConnected)
        throw browserError('GW_ERR_BROWSER_RELAY_TAKEN', 'an extension is already connected to this relay');
      this.wssExtension.handleUpgrade(req, socket, head, (ws) => this.onExtension(ws));
      return;
    }
    if (path === '/cdp') {
      this.requireToken(req);
      if (!this.extensionConnected)
        throw browserError(
          'GW_ERR_BROWSER_RELAY_UNAVAILABLE',
          'no extension is connected to the relay: attach a tab with the Moltbot extension first',
        );
      this.wssCdp.handleUpgrade(req, socket, head, (ws) => this.onCdpClient(ws));
      return;
    }
    throw browserError('GW_ERR_BROWSER_RELAY_NOT_FOUND', 'the relay takes WebSockets at /extension and /cdp');
  }

  private requireToken(req: IncomingMessage): void {
    if (!this.authorized(req))
      throw browserError(
        'GW_ERR_BROWSER_RELAY_UNAUTHORIZED',
        `relay token required: send it as "${RELAY_TOKEN_HEADER}: <token>", a bearer, or ?token=`,
      );
  }

  private onExtension(ws: WebSocket): void {
    this.extension = ws;
    this.logger.info('chrome extension connected to the relay');
    clearInterval(this.ping);
    this.ping = setInterval(() => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ method: 'ping' }));
    }, 5000);
    ws.on('message', (data) => this.fromExtension(data.toString()));
    ws.on('close', () => {
      if (this.extension !== ws) return;
      this.extension = undefined;
      clearInterval(this.ping);
      this.targets.clear();
      for (const p of this.pending.values()) {
        clearTimeout(p.timer);
        p.reject(new Error('the Chrome extension disconnected'));
      }
      this.pending.clear();
      for (const c of this.cdpClients) c.close(1011, 'extension disconnected');
      this.logger.info('chrome extension left the relay');
    });
  }

  private fromExtension(text: string): void {
    let msg: { id?: unknown; result?: unknown; error?: unknown; method?: unknown; params?: any };
    try {
      msg = JSON.parse(text);
    } catch {
      return;
    }
    if (typeof msg.id === 'number') {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      clearTimeout(p.timer);
      if (typeof msg.error === 'string' && msg.error) p.reject(new Error(msg.error));
      else p.resolve(msg.result ?? {});
      return;
    }
    if (msg.method !== 'forwardCDPEvent' || typeof msg.params?.method !== 'string') return;
    const { method, params, sessionId } = msg.params as { method: string; params?: any; sessionId?: string };
    if (method === 'Target.attachedToTarget' && params?.sessionId && params?.targetInfo?.targetId) {
      if ((params.targetInfo.type ?? 'page') !== 'page') return;
      this.targets.set(params.sessionId, params.targetInfo);
    } else if (method === 'Target.detachedFromTarget' && params?.sessionId) {
      this.targets.delete(params.sessionId);
    } else if (method === 'Target.targetInfoChanged' && params?.targetInfo?.targetId) {
      for (const [sid, t] of this.targets)
        if (t.targetId === params.targetInfo.targetId) this.targets.set(sid, { ...t, ...params.targetInfo });
    }
    this.broadcast({ method, params, ...(sessionId ? { sessionId } : {}) });
  }

  private onCdpClient(ws: WebSocket): void {
    this.cdpClients.add(ws);
    ws.on('close', () => this.cdpClients.delete(ws));
    ws.on('message', async (data) => {
      let cmd: CdpCommand;
      try {
        cmd = JSON.parse(data.toString());
      } catch {
        return;
      }
      if (typeof cmd.id !== 'number' || typeof cmd.method !== 'string') return;
      const reply = (body: Record<string, unknown>) => {
        if (ws.readyState === WebSocket.OPEN)
          ws.send(JSON.stringify({ id: cmd.id, ...(cmd.sessionId ? { sessionId: cmd.sessionId } : {}), ...body }));
      };
      try {
        reply({ result: await this.route(cmd, ws) });
      } catch (err) {
        reply({ error: { code: -32000, message: (err as Error).message } });
      }
    });
  }

  /** Browser-level target commands are answered from the attached tabs; the rest go to the extension. */
  private async route(cmd: CdpCommand, client: WebSocket): Promise<unknown> {
    const attached = [...this.targets.entries()];
    switch (cmd.method) {
      case 'Browser.getVersion':
        return {
          protocolVersion: '1.3',
          product: 'Chrome/Moltbot-Extension-Relay',
          revision: '0',
          userAgent: RELAY_BROWSER,
          jsVersion: 'V8',
        };
      case 'Browser.setDownloadBehavior':
      case 'Target.setDiscoverTargets':
        return {};
      case 'Target.setAutoAttach':
        // Tell this client about the tabs already attached, as Chromium would on auto-attach.
        setImmediate(() => {
          for (const [sessionId, targetInfo] of attached)
            client.send(
              JSON.stringify({
                method: 'Target.attachedToTarget',
                params: { sessionId, targetInfo: { ...targetInfo, attached: true }, waitingForDebugger: false },
              }),
            );
        });
        return {};
      case 'Target.getTargets':
        return { targetInfos: attached.map(([, t]) => ({ ...t, type: t.type ?? 'page', attached: true })) };
      case 'Target.getTargetInfo': {
        const wanted = cmd.params?.targetId;
        const hit =
          attached.find(([, t]) => t.targetId === wanted) ??
          attached.find(([sid]) => sid === cmd.sessionId) ??
          attached[0];
        return { targetInfo: hit?.[1] };
      }
      case 'Target.detachFromTarget':
        // The extension's tab sessions are not a client's to end: another client may use them.
        if (typeof cmd.params?.sessionId === 'string' && this.targets.has(cmd.params.sessionId)) return {};
        return this.toExtension(cmd);
      case 'Target.attachToTarget': {
        const hit = attached.find(([, t]) => t.targetId === cmd.params?.targetId);
        if (!hit) throw new Error('target not found');
        return { sessionId: hit[0] };
      }
      default:
        return this.toExtension(cmd);
    }
  }

  private toExtension(cmd: CdpCommand): Promise<unknown> {
    const ws = this.extension;
    if (!ws || ws.readyState !== WebSocket.OPEN) return Promise.reject(new Error('Chrome extension not connected'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`the extension did not answer ${cmd.method} within ${COMMAND_TIMEOUT_MS} ms`));
      }, COMMAND_TIMEOUT_MS);
      this.pending.set(id, { resolve, reject, timer });
      ws.send(
        JSON.stringify({
          id,
          method: 'forwardCDPCommand',
          params: { method: cmd.method, params: cmd.params, ...(cmd.sessionId ? { sessionId: cmd.sessionId } : {}) },
        }),
      );
    });
  }

  private broadcast(event: Record<string, unknown>): void {
    const text = JSON.stringify(event);
    for (const c of this.cdpClients) if (c.readyState === WebSocket.OPEN) c.send(text);
  }
}
