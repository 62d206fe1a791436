import http from 'node:http';
import type { Duplex } from 'node:stream';
import Fastify, { type FastifyBaseLogger, type FastifyInstance, LogController } from 'fastify';
import type { Logger } from 'pino';
import type { ListenerSpec, OpenListener } from '../../sdk/context.js';
import { type HostPolicy, isAllowedHost } from '../auth/request-guard.js';
import { kernelError } from '../errors.js';
import { installHttpGuard } from '../http/http-guard.js';
import { rawRefusal, refuseUpgrade } from '../http/http-refusal.js';
import type { KernelRuntime } from '../runtime.js';
import { wireError } from '../wire-error.js';

/** The generation holding a listener (a PluginGeneration; structural so this file stays small). */
export interface ListenerHolder {
  readonly number: number;
  /** True while it is its plugin's current generation (false once replaced or unloaded). */
  readonly live: boolean;
}

interface Holding {
  holder: ListenerHolder;
  label: string;
  app: FastifyInstance;
  upgrade?: ListenerSpec['upgrade'];
  /** Upgraded sockets: the HTTP server no longer tracks them, so the holding does. */
  sockets: Set<Duplex>;
}

interface SharedListener {
  key: string;
  owner: string;
  host: string;
  port: number;
  server: http.Server;
  holdings: Holding[];
}

export interface HeldListener {
  address: OpenListener;
  /** Withdraw this generation's hold; the last one out closes the socket (awaited). */
  release(): Promise<void>;
}

/**
 * Plugins' own listeners (the canvas host, the browser control service). One bound socket per
 * plugin and address, shared by that plugin's generations: a reload builds the new generation
 * while the old one still serves, and requests go to whichever is current (pointer swap, as on
 * the gateway port). The socket closes when its last holder's lease ends, so a reload never
 * leaves a port closed or bound twice, and an unload frees it.
 */
export class PluginListeners {
  private readonly listeners = new Map<string, SharedListener>();
  /** Sockets still closing, so that re-enabling a plugin at once waits instead of EADDRINUSE. */
  private readonly closing = new Map<string, Promise<void>>();

  async open(
    runtime: () => KernelRuntime,
    owner: string,
    holder: ListenerHolder,
    logger: Logger,
    spec: ListenerSpec,
  ): Promise<HeldListener> {
    if (!Number.isInteger(spec.port) || spec.port < 0 || spec.port > 65535)
      throw kernelError('GW_ERR_PLUGIN_CONFIG', `${spec.label}: port ${spec.port} is not a TCP port (1-65535)`);
    const key = `${owner}|${spec.host}|${spec.port}`;
    let shared: SharedListener | undefined;
    const policy = (): HostPolicy => ({
      ...runtime().hostPolicy,
      port: shared?.port ?? spec.port,
      bindHost: spec.host,
    });
    const app = Fastify({
      loggerInstance: logger.child({ listener: spec.label }) as FastifyBaseLogger,
      logController: new LogController({ disableRequestLogging: true }),
      bodyLimit: 2 * 1024 * 1024,
    });
    installHttpGuard(app, runtime, { hostPolicy: policy, bearer: spec.auth !== 'plugin' });
    try {
      await spec.routes(app);
      await app.ready();
      shared = spec.port === 0 ? undefined : this.listeners.get(key);
      if (!shared) {
        await this.closing.get(key);
        shared = await this.bind(key, owner, spec, policy, logger);
      }
    } catch (err) {
      await app.close().catch(() => undefined);
      throw err;
    }
    const holding: Holding = { holder, label: spec.label, app, upgrade: spec.upgrade, sockets: new Set() };
    shared.holdings.push(holding);
    const held = shared;
    const address: OpenListener = {
      host: held.host,
      port: held.port,
      url: `http://${urlHost(held.host)}:${held.port}`,
    };
    return { address, release: () => this.release(held, holding) };
  }

  /** `host:port` of every listener a plugin still holds (empty after it is unloaded). */
  heldBy(owner: string): string[] {
    return [...this.listeners.values()].filter((l) => l.owner === owner).map((l) => `${l.host}:${l.port}`);
  }

  private async bind(
    key: string,
    owner: string,
    spec: ListenerSpec,
    policy: () => HostPolicy,
    logger: Logger,
  ): Promise<SharedListener> {
    const server = http.createServer();
    const shared: SharedListener = { key, owner, host: spec.host, port: spec.port, server, holdings: [] };
    server.on('request', (req, res) => {
      const current = currentHolding(shared);
      if (!current) {
        const refusal = rawRefusal(
          kernelError('GW_ERR_PLUGIN_LISTENER_STARTING', `${spec.label} is starting or stopping: retry in a second`, {
            retryable: true,
            retryAfterMs: 1000,
          }),
        );
        res.writeHead(refusal.status, refusal.headers);
        res.end(refusal.body);
        return;
      }
      current.app.routing(req, res);
    });
    server.on('upgrade', (req, socket, head) => {
      // Node takes its own error listener off before 'upgrade': a peer resetting mid-refusal
      // must not become an uncaught error.
      socket.on('error', () => socket.destroy());
      const current = currentHolding(shared);
      if (!current?.upgrade)
        return refuseUpgrade(socket, kernelError('GW_ERR_HTTP_NOT_FOUND', `${spec.label} takes no WebSocket here`));
      if (!isAllowedHost(req.headers.host, policy()))
        return refuseUpgrade(
          socket,
          kernelError(
            'GW_ERR_HOST_FORBIDDEN',
            `Host header does not name the ${spec.label} (add it to gateway.allowedHosts)`,
          ),
        );
      current.sockets.add(socket);
      socket.once('close', () => current.sockets.delete(socket));
      try {
        current.upgrade(req, socket, head);
      } catch (err) {
        // A coded refusal thrown by the plugin (401, 404, 429) is answered in the gateway body.
        if (wireError(err).status >= 500) logger.error({ err, listener: spec.label }, 'upgrade handler failed');
        // Only while nothing was written: after a 101 the stream is WebSocket, not HTTP.
        if (socket.writable && (socket as Duplex & { bytesWritten?: number }).bytesWritten === 0)
          refuseUpgrade(socket, err);
        else socket.destroy();
      }
    });
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException) => {
        server.off('listening', onListening);
        reject(
          err.code === 'EADDRINUSE' || err.code === 'EACCES'
            ? kernelError(
                'GW_ERR_PLUGIN_PORT_IN_USE',
                `${spec.label}: cannot listen on ${spec.host}:${spec.port} (${err.code}): ` +
                  'another process holds the port; pick another port in the config or stop that process',
                { cause: err },
              )
            : err,
        );
      };
      const onListening = () => {
        server.off('error', onError);
        resolve();
      };
      server.once('error', onError);
      server.once('listening', onListening);
      server.listen({ host: spec.host, port: spec.port });
    });
    server.on('error', (err) => logger.error({ err, listener: spec.label }, 'listener error'));
    const address = server.address();
    if (address && typeof address === 'object') shared.port = address.port;
    shared.key = `${owner}|${spec.host}|${shared.port}`;
    this.listeners.set(shared.key, shared);
    return shared;
  }

  private async release(shared: SharedListener, holding: Holding): Promise<void> {
    const index = shared.holdings.indexOf(holding);
    if (index < 0) return;
    shared.holdings.splice(index, 1);
    const last = shared.holdings.length === 0;
    let closed: Promise<void> | undefined;
    if (last && this.listeners.get(shared.key) === shared) {
      this.listeners.delete(shared.key);
      closed = new Promise<void>((resolve) => {
        shared.server.close(() => resolve());
        shared.server.closeAllConnections();
      });
      this.closing.set(shared.key, closed);
    }
    for (const socket of holding.sockets) socket.destroy();
    await holding.app.close().catch(() => undefined);
    if (closed) {
      await closed;
      if (this.closing.get(shared.key) === closed) this.closing.delete(shared.key);
    }
  }
}

/** The newest live generation's holding; none while the plugin is only starting or stopping. */
function currentHolding(shared: SharedListener): Holding | undefined {
  let best: Holding | undefined;
  for (const h of shared.holdings) if (h.holder.live && (!best || h.holder.number > best.holder.number)) best = h;
  return best;
}

function urlHost(host: string): string {
  return host.includes(':') ? `[${host}]` : host;
}
