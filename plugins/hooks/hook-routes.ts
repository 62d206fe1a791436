import crypto from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type PluginApp, type PluginContext, PluginError, type TSchema, useErrorBody } from '../../sdk/index.js';
import type { HookMappingT, HooksConfigT } from './config-schema.js';
import { hooksError, hooksErrorBody } from './errors.js';
import { presentedToken, queryCarriesToken, tokenMatches } from './hook-auth.js';
import { AgentRunBody, type AgentRunBodyT, hookBodyError, WakeBody, type WakeBodyT } from './hook-bodies.js';
import type { HookDispatcher } from './hook-dispatcher.js';
import { asObject, type HookRequestContext, hookRun, readAgentRun, readWake, wakeMode } from './hook-requests.js';
import type { HookStore } from './hook-store.js';
import { renderTemplate } from './hook-template.js';

type Ctx = PluginContext<HooksConfigT>;

/** A mapping without a template hands the agent the body itself (bounded). */
const DEFAULT_BODY_CHARS = 20_000;

/**
 * `POST <path>/wake`, `POST <path>/agent` and `POST <path>/<mapping>`. Each request is checked
 * in this order, before its body is read: a token in the query string (400), the token (401,
 * 429 when the address is over the gateway's failure limit), then the body cap (413 from the
 * Content-Length alone, or as soon as a streamed body passes it).
 */
export function registerHookRoutes(app: PluginApp, ctx: Ctx, store: HookStore, dispatcher: HookDispatcher): void {
  // Every refusal on these routes, the kernel's included, reads {ok:false, error, code}.
  useErrorBody(app, hooksErrorBody);
  const base = ctx.config.path.replace(/\/+$/, '');
  const guard = async (req: FastifyRequest, reply: FastifyReply) => {
    if (queryCarriesToken(req.url))
      throw hooksError(
        'GW_ERR_HOOKS_TOKEN_IN_QUERY',
        'a token in the query string is refused (URLs end up in logs): send it as "Authorization: Bearer <token>" ' +
          'or "x-moltbot-token: <token>"',
      );
    const check = ctx.auth.checkCredential(req, {
      presented: presentedToken(req.headers),
      verify: (presented) => tokenMatches(presented, ctx.config.token),
    });
    if (check.ok) return;
    if (check.status === 429) throw hooksError('GW_ERR_HOOKS_RATE_LIMITED', check.message, check.retryAfterMs ?? 1000);
    reply.header('www-authenticate', 'Bearer realm="moltbot-hooks"');
    throw hooksError(
      'GW_ERR_HOOKS_UNAUTHORIZED',
      `${check.message}: send hooks.token as "Authorization: Bearer <token>" or "x-moltbot-token: <token>"`,
    );
  };
  const options = { config: { auth: false }, bodyLimit: ctx.config.maxBodyBytes, onRequest: guard };
  const context = (): HookRequestContext => ({
    config: ctx.config,
    channels: ctx.channels.list().map((c) => c.id),
    agents: ctx.services
      .get('agent')
      ?.agents?.()
      .map((a) => a.id),
  });

  const wake = (text: string, mode: 'now' | 'next-heartbeat', source: string) => {
    const heartbeat = ctx.services.get('heartbeat');
    if (!heartbeat) throw hooksError('GW_ERR_HOOKS_AGENT_UNAVAILABLE', 'the agent plugin is not loaded; retry shortly');
    heartbeat.wake({ text, mode, source });
    return { ok: true };
  };
  const accept = (id: string, run: ReturnType<typeof hookRun>, reply: FastifyReply) => {
    store.insert(id, run);
    dispatcher.kick();
    return reply.code(202).send({ ok: true, runId: id });
  };

  const withBody = <T extends TSchema>(body: T) => ({
    ...options,
    schema: { body },
    config: { ...options.config, schemaError: hookBodyError },
  });
  app.post(`${base}/wake`, withBody(WakeBody), async (req) => {
    const { text, mode } = readWake(req.body as WakeBodyT);
    return wake(text, mode, 'hook:wake');
  });

  app.post(`${base}/agent`, withBody(AgentRunBody), async (req, reply) => {
    const id = crypto.randomUUID();
    return accept(id, readAgentRun(req.body as AgentRunBodyT, id, context()), reply);
  });

  app.post<{ Params: { name: string } }>(`${base}/:name`, options, async (req, reply) => {
    const body = asObject(req.body ?? {});
    const mapping = findMapping(ctx.config.mappings, req.params.name, body);
    if (!mapping)
      throw hooksError(
        'GW_ERR_HOOKS_MAPPING_NOT_FOUND',
        `no hook "${req.params.name}": add hooks.mappings[] with match.path "${req.params.name}" ` +
          `(or use ${base}/wake and ${base}/agent)`,
      );
    const input = {
      body,
      headers: req.headers,
      query: Object.fromEntries(new URLSearchParams(req.url.split('?')[1] ?? '')),
      path: req.params.name,
      now: Date.now(),
    };
    const fallback = `Webhook "${req.params.name}" received:\n${JSON.stringify(body).slice(0, DEFAULT_BODY_CHARS)}`;
    const name = mapping.name ?? mapping.match.path;
    if (mapping.action === 'wake') {
      const template = mapping.textTemplate ?? mapping.messageTemplate;
      const text = (template ? renderTemplate(template, input) : fallback).trim() || fallback;
      return wake(text, wakeMode(mapping.wakeMode, 'now'), `hook:${name}`);
    }
    const id = crypto.randomUUID();
    const message = (mapping.messageTemplate ? renderTemplate(mapping.messageTemplate, input) : fallback).trim();
    const run = hookRun(
      {
        message: message || fallback,
        name,
        agentId: mapping.agentId,
        sessionKey: mapping.sessionKey ? renderTemplate(mapping.sessionKey, input) || undefined : undefined,
        wakeMode: mapping.wakeMode,
        deliver: mapping.deliver,
        channel: mapping.channel,
        to: mapping.to,
        model: mapping.model,
        thinking: mapping.thinking,
        timeoutSeconds: mapping.timeoutSeconds,
      },
      id,
      context(),
    );
    return accept(id, run, reply);
  });

  // Any other method on the hook paths: 405 (after the token check, like everything else here).
  app.route({
    method: ['GET', 'PUT', 'PATCH', 'DELETE'],
    url: `${base}/*`,
    ...options,
    handler: async (_req, reply) => {
      reply.header('allow', 'POST');
      throw hooksError('GW_ERR_HOOKS_METHOD_NOT_ALLOWED', 'webhooks take POST only');
    },
  });

  // Fastify's body errors under this plugin's own codes; everything then reaches the kernel's
  // handler, which answers in hooksErrorBody (and logs what is not a client error).
  app.setErrorHandler((err: Error & { statusCode?: number }) => {
    if (err instanceof PluginError) throw err;
    const status = err.statusCode ?? 500;
    if (status === 413)
      throw hooksError(
        'GW_ERR_HOOKS_BODY_TOO_LARGE',
        `the body is larger than hooks.maxBodyBytes (${ctx.config.maxBodyBytes})`,
      );
    if (status === 415)
      throw hooksError('GW_ERR_HOOKS_UNSUPPORTED_MEDIA_TYPE', 'send the body as JSON (Content-Type: application/json)');
    if (status < 500) throw hooksError('GW_ERR_HOOKS_BAD_REQUEST', err.message);
    throw err;
  });
}

/** The mapping for `POST <path>/<name>`; with `match.source`, the body's `source` must be it. */
function findMapping(mappings: HookMappingT[], name: string, body: Record<string, unknown>): HookMappingT | undefined {
  return mappings.find((m) => m.match.path === name && (!m.match.source || body.source === m.match.source));
}
