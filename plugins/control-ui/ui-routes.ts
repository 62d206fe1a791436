import fastifyStatic from '@fastify/static';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PluginApp } from '../../sdk/index.js';
import type { AppAssets } from './app-assets.js';
import { pickEncoding, renderShell } from './app-shell.js';
import { controlUiError } from './errors.js';
import { PAGE_SLUGS } from './page-slugs.js';
import { securityHeaders } from './security-headers.js';

/** A year: asset names carry a content hash, so a changed file is a new URL. */
const ASSET_MAX_AGE_MS = 365 * 24 * 3600 * 1000;

/**
 * The dashboard's routes under `basePath`: the shell at the base and at every page path (the
 * app routes on the client), hashed assets under `assets/`. Both are public — the app holds no
 * secret; it authenticates on the WebSocket — but the kernel's Host check still runs first.
 */
export async function registerUiRoutes(app: PluginApp, assets: AppAssets, basePath: string): Promise<void> {
  const shell = renderShell(assets.shellTemplate, basePath);

  // Every route of this plugin is public: the kernel skips its bearer check (not its Host check).
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), auth: false };
  });
  app.addHook('onSend', async (req, reply, payload) => {
    for (const [name, value] of Object.entries(securityHeaders(req.headers.host))) reply.header(name, value);
    return payload;
  });
  app.setNotFoundHandler((req) => {
    throw controlUiError('GW_ERR_CONTROL_UI_NOT_FOUND', `no dashboard file ${req.url.split('?')[0]}`);
  });

  await app.register(fastifyStatic, {
    root: `${assets.dir}assets`,
    prefix: `${basePath}assets/`,
    preCompressed: true,
    immutable: true,
    maxAge: ASSET_MAX_AGE_MS,
    index: false,
    list: false,
    dotfiles: 'deny',
    decorateReply: false,
  });

  const sendShell = (req: FastifyRequest, reply: FastifyReply) => {
    reply.header('cache-control', 'no-cache').header('etag', shell.etag).header('vary', 'accept-encoding');
    if (req.headers['if-none-match'] === shell.etag) return reply.code(304).send();
    const encoding = pickEncoding(req.headers['accept-encoding']);
    reply.type('text/html; charset=utf-8');
    if (encoding === 'identity') return reply.send(shell.identity);
    return reply.header('content-encoding', encoding).send(encoding === 'br' ? shell.br : shell.gzip);
  };
  const paths = [basePath, ...PAGE_SLUGS.map((slug) => `${basePath}${slug}`)];
  for (const url of paths) app.get(url, sendShell);

  // `/ui` typed without its slash: no route of ours, so the kernel would answer 401 (no bearer).
  // Send the browser to the base instead, query kept (e.g. `?token=`). 302, not 301: a permanent
  // redirect is cached, and basePath is a setting that may change.
  if (basePath !== '/') {
    app.get(basePath.slice(0, -1), (req, reply) => {
      const query = req.url.indexOf('?');
      return reply.redirect(query < 0 ? basePath : basePath + req.url.slice(query), 302);
    });
  }
}
