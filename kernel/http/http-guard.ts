import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPresentedCredential } from '../auth/credential-check.js';
import { failureKeys } from '../auth/failure-keys.js';
import { normalizeAddress } from '../auth/peer-address.js';
import { type HostPolicy, isAllowedHost, isAllowedOrigin } from '../auth/request-guard.js';
import { bearerFrom, secretsEqual } from '../auth/shared-secret.js';
import { kernelError } from '../errors.js';
import { untrustedText } from '../logging/untrusted-text.js';
import { urlForLog } from '../logging/url-for-log.js';
import type { KernelRuntime } from '../runtime.js';
import { wireError } from '../wire-error.js';
import { sendRefusal } from './http-refusal.js';
import { installRouteSchemas } from './route-schemas.js';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface HttpGuardOptions {
  /** The Host/Origin policy; default the gateway port's. A plugin's own listener passes its address. */
  hostPolicy?: () => HostPolicy;
  /** `false`: every route authenticates on its own (a listener opened with `auth: 'plugin'`). */
  bearer?: boolean;
}

/**
 * The kernel's preamble on every plugin generation's inner Fastify instance: Host check (DNS
 * rebinding), Origin check on state-changing requests, bearer auth with failure rate limiting,
 * TypeBox validation of route `schema`s, and an error handler that never leaks a stack. Every
 * refusal is answered by `sendRefusal`, in the route's documented error body.
 */
export function installHttpGuard(app: FastifyInstance, rt: () => KernelRuntime, options: HttpGuardOptions = {}): void {
  app.addHook('onRequest', async (req, reply) => guardRequest(rt(), req, reply, options));
  installRouteSchemas(app);
  app.setErrorHandler((thrown: Error, req, reply) => {
    const err = routeSchemaError(req, thrown);
    const status = wireError(err).status;
    if (status >= 500) rt().logger.error({ err, url: untrustedText(urlForLog(req.url)) }, 'http handler failed');
    return sendRefusal(req, reply, err);
  });
}

/** A route `schema` failure as the route's own error (`config.schemaError`), when it declares one. */
function routeSchemaError(req: FastifyRequest, err: Error): Error {
  const own = req.routeOptions?.config?.schemaError;
  if (!own || !(err as { validationContext?: unknown }).validationContext) return err;
  if ((err as { code?: unknown }).code !== 'GW_ERR_HTTP_BODY_INVALID') return err;
  try {
    return own({ message: err.message, details: asRecord((err as { details?: unknown }).details) });
  } catch {
    return err; // a broken mapper must not hide the refusal
  }
}

function asRecord(v: unknown): Record<string, unknown> {
  return v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};
}

/** Host, Origin (state-changing requests) and bearer checks of one request; the reply when refused. */
export async function guardRequest(
  runtime: KernelRuntime,
  req: FastifyRequest,
  reply: FastifyReply,
  options: HttpGuardOptions = {},
): Promise<FastifyReply | undefined> {
  const host = req.headers.host;
  const policy = options.hostPolicy?.() ?? runtime.hostPolicy;
  if (!isAllowedHost(host, policy)) {
    runtime.logger.warn(
      {
        ip: normalizeAddress(req.socket.remoteAddress),
        host: untrustedText(host),
        url: untrustedText(urlForLog(req.url)),
      },
      'http refused: Host not allowed',
    );
    return sendRefusal(
      req,
      reply,
      kernelError('GW_ERR_HOST_FORBIDDEN', 'Host header does not name this gateway (add it to gateway.allowedHosts)'),
    );
  }
  if (STATE_CHANGING.has(req.method) && !isAllowedOrigin(req.headers.origin, host, policy)) {
    return sendRefusal(
      req,
      reply,
      kernelError(
        'GW_ERR_ORIGIN_FORBIDDEN',
        'cross-site request refused: Origin is not this gateway (add it to gateway.controlUi.allowedOrigins)',
      ),
    );
  }
  if (options.bearer === false || req.routeOptions.config?.auth === false) return;
  return checkBearer(runtime, req, reply);
}

async function checkBearer(
  rt: KernelRuntime,
  req: FastifyRequest,
  reply: FastifyReply,
): Promise<FastifyReply | undefined> {
  if (rt.tailscale && (await rt.tailscale.verify(req.headers, req.socket.remoteAddress))) return;
  const keys = failureKeys(req.socket.remoteAddress, req.headers);
  const presented = bearerFrom(req.headers.authorization);
  const verdict = checkPresentedCredential(rt.limiter, keys, presented, (p) => secretsEqual(p, rt.auth.secret));
  if (verdict.ok) return;
  if (verdict.reason === 'limited') {
    const seconds = Math.ceil(verdict.retryAfterMs / 1000);
    return sendRefusal(
      req,
      reply,
      kernelError(
        'GW_ERR_AUTH_RATE_LIMITED',
        `too many failed authentication attempts from this source; retry in ${seconds} s`,
        { retryAfterMs: verdict.retryAfterMs, retryable: true },
      ),
    );
  }
  return sendRefusal(
    req,
    reply,
    verdict.reason === 'invalid'
      ? kernelError('GW_ERR_AUTH_INVALID', `invalid ${rt.auth.mode}: the bearer secret does not match this gateway's`)
      : kernelError(
          'GW_ERR_AUTH_REQUIRED',
          `authentication required: send "Authorization: Bearer <gateway ${rt.auth.mode}>"`,
        ),
  );
}
