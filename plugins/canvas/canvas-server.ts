import fastifyStatic from '@fastify/static';
import type { FastifyReply } from 'fastify';
import type { OpenListener, PluginContext } from '../../sdk/index.js';
import { canvasAuthRequired, challengeFor, decideCanvasAccess, TOKEN_COOKIE } from './canvas-access.js';
import { CANVAS_PREFIX } from './canvas-files.js';
import type { CanvasTokens } from './canvas-token.js';
import { canvasError } from './errors.js';
import { injectLiveReload, LIVE_RELOAD_PATH, type LiveReload } from './live-reload.js';
import { canvasPathProblem, staysInsideRoot } from './path-safety.js';

/** HTML bigger than this is served as is (no live-reload script), rather than buffered. */
const MAX_INJECT_BYTES = 4 * 1024 * 1024;

export interface CanvasServerOptions {
  host: string;
  port: number;
  realRoot: string;
  authMode: 'auto' | 'always';
  tokens: CanvasTokens;
  liveReload?: LiveReload;
}

/**
 * The canvas file server on its own port: `/__moltbot__/canvas/*` from the root through
 * @fastify/static (content types, ETag/Last-Modified, ranges, no listings), the live-reload
 * WebSocket, and credentials when bound beyond loopback. Refusals are thrown as coded errors;
 * the kernel answers them in the gateway's error body (`wireError()`), over HTTP and upgrades.
 */
export function openCanvasServer(ctx: PluginContext<unknown>, o: CanvasServerOptions): Promise<OpenListener> {
  const authRequired = canvasAuthRequired(o.host, o.authMode);
  return ctx.listeners.open({
    label: 'canvas host',
    host: o.host,
    port: o.port,
    auth: 'plugin',
    async routes(app) {
      app.setNotFoundHandler(async () => {
        throw missing();
      });
      app.addHook('onRequest', async (req, reply) => {
        const pathname = req.url.split('?')[0]!;
        if (pathname.startsWith(CANVAS_PREFIX)) {
          const problem = canvasPathProblem(pathname.slice(CANVAS_PREFIX.length));
          if (problem) {
            ctx.logger.debug({ problem }, 'canvas path refused');
            throw missing();
          }
        }
        if (!authRequired) return;
        let decision: ReturnType<typeof decideCanvasAccess>;
        try {
          decision = decideCanvasAccess(req, o.tokens, ctx.auth);
        } catch (err) {
          challengeFor(reply, err);
          throw err;
        }
        if ('setCookie' in decision) {
          const maxAge = Math.floor(decision.setCookie.maxAgeMs / 1000);
          reply.header(
            'set-cookie',
            `${TOKEN_COOKIE}=${decision.setCookie.token}; Path=/; Max-Age=${maxAge}; HttpOnly; SameSite=Strict`,
          );
          return reply.redirect(decision.redirectTo, 302);
        }
      });
      app.get('/', (_req, reply) => reply.redirect(CANVAS_PREFIX, 302));
      app.get(CANVAS_PREFIX.slice(0, -1), (_req, reply) => reply.redirect(CANVAS_PREFIX, 302));
      await app.register(async (files) => {
        // A refusal inside @fastify/send (403 for a non-canonical path, 400 for a bad one) is a
        // 404 here too: the answer must not tell a probe which spelling came close. Thrown on to
        // the kernel's handler, which writes the body (and logs a 500).
        files.setErrorHandler((err: Error & { statusCode?: number }) => {
          throw (err.statusCode ?? 500) < 500 ? missing() : err;
        });
        if (o.liveReload) files.addHook('onSend', injectIntoHtml);
        await files.register(fastifyStatic, {
          root: o.realRoot,
          prefix: CANVAS_PREFIX,
          index: ['index.html'],
          list: false,
          dotfiles: 'ignore',
          decorateReply: false,
          etag: true,
          lastModified: true,
          acceptRanges: true,
          cacheControl: false,
          // Symlinks that resolve outside the root are a miss, like any other escape.
          allowedPath: (pathname) => staysInsideRoot(o.realRoot, pathname.replace(/^\/+/, '')),
          // Always revalidate: an agent rewrites pages, and the ETag makes that cheap (304).
          setHeaders: (reply) => reply.header('cache-control', 'no-cache'),
        });
      });
    },
    upgrade: o.liveReload
      ? (req, socket, head) => {
          const pathname = (req.url ?? '/').split('?')[0];
          if (pathname !== LIVE_RELOAD_PATH) throw missing();
          // Throws the 401/429 refusal, which the kernel writes on the socket.
          if (authRequired)
            decideCanvasAccess({ headers: req.headers, socket: req.socket, url: req.url ?? '/' }, o.tokens, ctx.auth);
          o.liveReload!.upgrade(req, socket, head);
        }
      : undefined,
  });
}

/** One answer for every miss (no file, an escape, a bad spelling), so a probe learns nothing. */
function missing(): Error {
  return canvasError('GW_ERR_CANVAS_FILE_MISSING', 'no such canvas file');
}

async function injectIntoHtml(
  req: import('fastify').FastifyRequest,
  reply: FastifyReply,
  payload: unknown,
): Promise<unknown> {
  if (reply.statusCode !== 200) return payload;
  if (!String(reply.getHeader('content-type') ?? '').startsWith('text/html')) return payload;
  const length = Number(reply.getHeader('content-length') ?? 0);
  if (length > MAX_INJECT_BYTES) return payload;
  // The script changes the length; a HEAD answer must not announce the file's.
  reply.removeHeader('content-length');
  if (req.method === 'HEAD' || payload === null || payload === undefined) return payload;
  const chunks: Buffer[] = [];
  for await (const chunk of payload as AsyncIterable<Buffer | string>)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return injectLiveReload(Buffer.concat(chunks).toString('utf8'));
}
