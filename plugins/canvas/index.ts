import os from 'node:os';
import path from 'node:path';
import { definePlugin, Type } from '../../sdk/index.js';
import { canvasAuthRequired } from './canvas-access.js';
import { CANVAS_PREFIX, CanvasFiles } from './canvas-files.js';
import { prepareCanvasRoot } from './canvas-root.js';
import { openCanvasServer } from './canvas-server.js';
import { CanvasTokens } from './canvas-token.js';
import { canvasTool } from './canvas-tool.js';
import { canvasUrlFor, urlHost } from './canvas-url.js';
import { CanvasHostConfig } from './config-schema.js';
import { LiveReload } from './live-reload.js';

/** Lifetime of the canvas token in a page the canvas tool shows on a node. */
const NODE_TOKEN_TTL_MS = 12 * 3600 * 1000;

export default definePlugin({
  id: 'canvas',
  version: '1.0.0',
  sdk: '^1.0.0',
  configKey: 'canvasHost',
  configSchema: CanvasHostConfig,
  dependsOn: ['nodes'],
  description: "Canvas host: the agent's screen, the workspace's canvas/ folder on its own port, live-reloaded.",
  async register(_app, ctx) {
    const config = ctx.config;
    const host = listenHost(config.bind, ctx.gateway.bind);
    const root = config.root ? expandHome(config.root) : path.join(ctx.paths.workspaceDir, 'canvas');
    const realRoot = prepareCanvasRoot(root);
    const tokens = new CanvasTokens(ctx.auth.derivedSecret('moltbot-canvas-token-v1'), config.tokenTtlMs);
    const liveReload = config.liveReload ? new LiveReload(realRoot, ctx.logger) : undefined;
    let listener: Awaited<ReturnType<typeof openCanvasServer>>;
    try {
      await liveReload?.ready();
      listener = await openCanvasServer(ctx, {
        host,
        // Gateway port 0 (the OS picks one, as in tests): the canvas takes any free port too.
        port: config.port ?? (ctx.gateway.requestedPort === 0 ? 0 : ctx.gateway.port + 4),
        realRoot,
        authMode: config.auth,
        tokens,
        liveReload,
      });
    } catch (err) {
      await liveReload?.close();
      throw err;
    }
    // Disposers run in reverse: pages get a clean close (1001) before the listener goes.
    if (liveReload) ctx.lease.defer('canvas live reload', () => liveReload.close());
    const localUrl = `http://${host === '0.0.0.0' || host === '::' ? '127.0.0.1' : urlHost(host)}:${listener.port}`;

    // Advertise an address the client can reach (the same one the canvas tool presents on nodes).
    ctx.hello.contribute('canvasHostUrl', (client) => canvasUrlFor(host, listener.port, client));
    // Pages shown on a node outlive a canvas.token's 10 minutes (live reload re-requests them).
    const nodeTokens = new CanvasTokens(ctx.auth.derivedSecret('moltbot-canvas-token-v1'), NODE_TOKEN_TTL_MS);
    const authRequired = canvasAuthRequired(host, config.auth);
    ctx.tools.register(
      canvasTool(new CanvasFiles(realRoot), () => localUrl, {
        nodes: () => ctx.services.get('nodes'),
        urlFor: (reach) => canvasUrlFor(host, listener.port, reach),
        nodeToken: () => (authRequired ? nodeTokens.mint().token : undefined),
        mediaDir: path.join(ctx.paths.stateDir, 'media', 'canvas'),
      }),
    );

    ctx.methods.register('canvas.token', {
      scope: 'operator.read',
      params: Type.Object({}, { additionalProperties: false }),
      description: 'Mint a short-lived canvas token (a cookie for pages on a canvas that needs credentials).',
      handler() {
        const { token, expiresAtMs } = tokens.mint();
        return {
          token,
          expiresAtMs,
          cookie: 'moltbot_canvas',
          url: `${localUrl}${CANVAS_PREFIX}?canvasToken=${token}`,
        };
      },
    });
    ctx.logger.info(
      { url: `${localUrl}${CANVAS_PREFIX}`, root: realRoot, liveReload: config.liveReload },
      'canvas host ready',
    );
  },
});

/** `canvasHost.bind`, or the gateway's bind address (already resolved to an IP). */
function listenHost(bind: string | undefined, gatewayBind: string): string {
  if (bind === undefined) return gatewayBind;
  if (bind === 'loopback' || bind === 'localhost' || bind === 'auto') return '127.0.0.1';
  if (bind === 'lan' || bind === 'all') return '0.0.0.0';
  return bind;
}

function expandHome(p: string): string {
  return p.startsWith('~') ? path.join(os.homedir(), p.slice(1)) : path.resolve(p);
}
