import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { checkPresentedCredential } from '../auth/credential-check.js';
import { failureKeys } from '../auth/failure-keys.js';
import { normalizeAddress } from '../auth/peer-address.js';
import { isAllowedHost, isAllowedOrigin } from '../auth/request-guard.js';
import { bearerFrom, secretsEqual } from '../auth/shared-secret.js';
import { GatewayError, toWireError } from '../errors.js';
import { untrustedText } from '../logging/untrusted-text.js';
import { urlForLog } from '../logging/url-for-log.js';
import type { KernelRuntime } from '../runtime.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` for routes that authenticate on their own (webhooks with their own secret, static UI). */
    auth?: boolean;
  }
}

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** HTTP error body, OpenAI-shaped so OpenAI clients read it too: `{error:{message,type,code}}`. */
export function sendHttpError(
  reply: FastifyReply,
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
): FastifyReply {
  return reply
    .code(status)
    .type('application/json')
    .send({ error: { message, type: code.toLowerCase(), code, ...extra } });
}

/**
 * The kernel's preamble on every plugin generation's inner Fastify instance: Host check (DNS
 * rebinding), Origin check on state-changing requests, bearer auth with failure rate limiting,
 * and an error handler that never leaks a stack.
 */
export function installHttpGuard(app: FastifyInstance, rt: () => KernelRuntime): void {
  app.addHook('onRequest', async (req, reply) => {
    const runtime = rt();
    const host = req.headers.host;
    if (!isAllowedHost(host, runtime.hostPolicy)) {
      runtime.logger.warn(
        {
          ip: normalizeAddress(req.socket.remoteAddress),
          host: untrustedText(host),
          url: untrustedText(urlForLog(req.url)),
        },
        'http refused: Host not allowed',
      );
      return sendHttpError(
        reply,
        403,
        'FORBIDDEN',
        'Host header does not name this gateway (add it to gateway.allowedHosts)',
      );
    }
    if (STATE_CHANGING.has(req.method) && !isAllowedOrigin(req.headers.origin, host, runtime.hostPolicy)) {
      return sendHttpError(
        reply,
        403,
        'FORBIDDEN',
        'cross-site request refused: Origin is not this gateway (add it to gateway.controlUi.allowedOrigins)',
      );
    }
    if (req.routeOptions.config?.auth === false) return;
    return checkBearer(runtime, req, reply);
  });
  app.setErrorHandler((err: Error & { statusCode?: number; validation?: unknown }, req, reply) => {
    if (
      err instanceof GatewayError ||
      (typeof (err as { wire?: unknown }).wire === 'string' && typeof (err as { status?: unknown }).status === 'number')
    ) {
      const e = err as GatewayError;
      const wire = toWireError(e);
      return sendHttpError(reply, e.status, wire.code, wire.message, wire.details ? { details: wire.details } : {});
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      rt().logger.error({ err, url: untrustedText(urlForLog(req.url)) }, 'http handler failed');
      return sendHttpError(reply, 500, 'INTERNAL', 'internal error');
    }
    const code =
      status === 415
        ? 'UNSUPPORTED_MEDIA_TYPE'
        : status === 413
          ? 'PAYLOAD_TOO_LARGE'
          : status === 408
            ? 'REQUEST_TIMEOUT'
            : 'INVALID_REQUEST';
    return sendHttpError(reply, status, code, err.message);
  });
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
    reply.header('retry-after', String(Math.ceil(verdict.retryAfterMs / 1000)));
    return sendHttpError(
      reply,
      429,
      'RATE_LIMITED',
      `too many failed authentication attempts from this source; retry in ${Math.ceil(verdict.retryAfterMs / 1000)} s`,
      { retryAfterMs: verdict.retryAfterMs },
    );
  }
  reply.header('www-authenticate', 'Bearer realm="moltbot"');
  return sendHttpError(
    reply,
    401,
    'UNAUTHORIZED',
    verdict.reason === 'invalid'
      ? `invalid ${rt.auth.mode}: the bearer secret does not match this gateway's`
      : `authentication required: send "Authorization: Bearer <gateway ${rt.auth.mode}>"`,
  );
}
