import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { HttpErrorBody, HttpErrorInfo } from '../../sdk/http-route-config.js';
import { wireError } from '../wire-error.js';

/**
 * The gateway's own HTTP error body: the ErrorShape inside `error`, plus `type` (the wire code
 * in lower case) so OpenAI-style clients find the field they look for.
 */
export const defaultErrorBody: HttpErrorBody = (e) => ({
  error: {
    code: e.code,
    type: e.code.toLowerCase(),
    message: e.message,
    details: { errorCode: e.errorCode, ...(e.details ?? {}) },
    ...(e.retryable !== undefined ? { retryable: e.retryable } : {}),
    ...(e.retryAfterMs !== undefined ? { retryAfterMs: e.retryAfterMs } : {}),
  },
});

/** `wireError(err)` as the endpoint-neutral description an error body is made from. */
export function httpErrorInfo(err: unknown): HttpErrorInfo {
  const { status, error } = wireError(err);
  const { errorCode, ...details } = (error.details ?? {}) as { errorCode?: string } & Record<string, unknown>;
  const info: HttpErrorInfo = {
    status,
    code: error.code,
    errorCode: errorCode ?? 'GW_ERR_INTERNAL',
    message: error.message,
  };
  if (Object.keys(details).length) info.details = details;
  if (error.retryable !== undefined) info.retryable = error.retryable;
  if (error.retryAfterMs !== undefined) info.retryAfterMs = error.retryAfterMs;
  return info;
}

/**
 * Answer an HTTP request with an error, in the shape its route documents (`config.errorBody`,
 * see `useErrorBody`) or the gateway's. Every HTTP refusal goes through here: the guard's, the
 * router's 404/405, body and schema errors, and errors a plugin's handler throws.
 */
export function sendRefusal(
  req: FastifyRequest | undefined,
  reply: FastifyReply,
  err: unknown,
  shape: HttpErrorBody | undefined = req?.routeOptions?.config?.errorBody,
): FastifyReply {
  const info = httpErrorInfo(err);
  if (info.retryAfterMs !== undefined) reply.header('retry-after', String(Math.ceil(info.retryAfterMs / 1000)));
  if (info.status === 401 && !reply.hasHeader('www-authenticate'))
    reply.header('www-authenticate', 'Bearer realm="moltbot"');
  let body: unknown;
  try {
    body = (shape ?? defaultErrorBody)(info);
  } catch {
    body = defaultErrorBody(info); // a broken shaper must not turn a refusal into a hang
  }
  return reply.code(info.status).type('application/json').send(body);
}

/** A refusal as status, headers and the gateway body, for answers written without Fastify. */
export function rawRefusal(err: unknown): { status: number; headers: Record<string, string>; body: string } {
  const info = httpErrorInfo(err);
  const body = JSON.stringify(defaultErrorBody(info));
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'content-length': String(Buffer.byteLength(body)),
  };
  if (info.retryAfterMs !== undefined) headers['retry-after'] = String(Math.ceil(info.retryAfterMs / 1000));
  if (info.status === 401) headers['www-authenticate'] = 'Bearer realm="moltbot"';
  return { status: info.status, headers, body };
}

/**
 * The same refusal on a raw socket: a WebSocket upgrade that is not completed. The gateway
 * body, then the socket closes. `challenge` replaces the default `WWW-Authenticate` of a 401.
 */
export function refuseUpgrade(socket: Duplex, err: unknown, challenge?: string): void {
  const { status, headers, body } = rawRefusal(err);
  if (challenge && headers['www-authenticate']) headers['www-authenticate'] = challenge;
  const lines = [`HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Refused'}`, 'connection: close'];
  for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
  socket.once('finish', () => socket.destroy());
  socket.end(`${lines.join('\r\n')}\r\n\r\n${body}`);
}
