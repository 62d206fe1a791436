import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PluginApp } from '../../sdk/index.js';
import type { BrowserController } from './browser-controller.js';

/** HTTP route → action, as the original control service spells them (`?profile=` picks a profile). */
const ROUTES: Array<{ method: 'GET' | 'POST' | 'DELETE'; url: string; action: string; param?: string }> = [
  { method: 'GET', url: '/', action: 'status' },
  { method: 'POST', url: '/start', action: 'start' },
  { method: 'POST', url: '/stop', action: 'stop' },
  { method: 'GET', url: '/profiles', action: 'profiles' },
  { method: 'POST', url: '/profiles/create', action: 'create-profile' },
  { method: 'DELETE', url: '/profiles/:name', action: 'delete-profile', param: 'name' },
  { method: 'GET', url: '/tabs', action: 'tabs' },
  { method: 'POST', url: '/tabs/open', action: 'open' },
  { method: 'POST', url: '/tabs/focus', action: 'focus' },
  { method: 'DELETE', url: '/tabs/:targetId', action: 'close', param: 'targetId' },
  { method: 'POST', url: '/navigate', action: 'navigate' },
  { method: 'GET', url: '/snapshot', action: 'snapshot' },
  { method: 'POST', url: '/screenshot', action: 'screenshot' },
  { method: 'POST', url: '/pdf', action: 'pdf' },
  { method: 'POST', url: '/act', action: 'act' },
];

/**
 * The browser control service's routes (loopback only; the listener's preamble checks the Host
 * header and the gateway secret). Each one is `controller.run(profile, action, args)`, the same
 * code as `browser.request` and the agent tool; errors answer in the gateway's body (wireError).
 */
export function registerControlRoutes(app: PluginApp, controller: () => BrowserController): void {
  for (const route of ROUTES) {
    app.route({
      method: route.method,
      url: route.url,
      handler: async (req: FastifyRequest, reply: FastifyReply) => {
        const query = (req.query ?? {}) as Record<string, unknown>;
        const body = req.body && typeof req.body === 'object' ? (req.body as Record<string, unknown>) : {};
        const { profile: queryProfile, ...queryArgs } = query;
        const args: Record<string, unknown> = { ...queryArgs, ...body };
        if (route.param) args[route.param] = (req.params as Record<string, string>)[route.param];
        const profile =
          typeof queryProfile === 'string' ? queryProfile : typeof body.profile === 'string' ? body.profile : undefined;
        delete args.profile;
        return reply.send(await controller().run(profile, route.action, args));
      },
    });
  }
}
