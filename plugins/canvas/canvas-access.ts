import type { FastifyReply, FastifyRequest } from 'fastify';
import type { PluginContext } from '../../sdk/index.js';
import type { CanvasTokens } from './canvas-token.js';
import { canvasError } from './errors.js';

export const TOKEN_COOKIE = 'moltbot_canvas';
export const TOKEN_QUERY = 'canvasToken';

/** Whether a canvas bound to `bindHost` asks for credentials (`canvasHost.auth`). */
export function canvasAuthRequired(bindHost: string, mode: 'auto' | 'always'): boolean {
  if (mode === 'always') return true;
  return !(bindHost === 'localhost' || bindHost === '::1' || /^127\./.test(bindHost));
}

export function cookieValue(header: string | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(.+)$/i.exec(header.trim()) : null;
  return m ? m[1]!.trim() : undefined;
}

export type AccessDecision =
  | { ok: true }
  | { ok: true; setCookie: { token: string; maxAgeMs: number }; redirectTo: string };

/**
 * Who may read the canvas when credentials are required: the gateway secret as a bearer header,
 * or a canvas token (cookie, bearer, or `?canvasToken=` once — answered with the cookie and a
 * redirect to the same URL without it, so pages load their own assets and the token leaves the
 * address bar). Wrong credentials count in the gateway's failure limiter. A refusal is thrown as
 * a coded error (401 or 429 with `retryAfterMs`): the kernel answers it through `wireError()`,
 * in the gateway's error body, like every other refusal.
 */
export function decideCanvasAccess(
  req: Pick<FastifyRequest, 'headers' | 'socket' | 'url'>,
  tokens: CanvasTokens,
  auth: PluginContext<unknown>['auth'],
): AccessDecision {
  const url = new URL(req.url, 'http://canvas.invalid');
  const queryToken = url.searchParams.get(TOKEN_QUERY) ?? undefined;
  const presented = queryToken ?? bearer(req.headers.authorization) ?? cookieValue(req.headers.cookie, TOKEN_COOKIE);
  // A valid canvas token is enough; anything else must be the gateway secret (counted when wrong).
  const check =
    presented !== undefined && tokens.verify(presented) > 0
      ? { ok: true as const }
      : auth.checkCredential(req, { presented, verify: (p) => auth.isGatewaySecret(p) });
  if (!check.ok) {
    if (check.status === 429)
      throw canvasError('GW_ERR_CANVAS_RATE_LIMITED', check.message, { retryAfterMs: check.retryAfterMs });
    throw presented === undefined
      ? canvasError(
          'GW_ERR_CANVAS_AUTH_REQUIRED',
          'the canvas needs credentials: send "Authorization: Bearer <gateway token>" or open a URL from canvas.token',
        )
      : canvasError(
          'GW_ERR_CANVAS_AUTH_INVALID',
          'the canvas token or gateway secret is wrong or expired: mint a new one with the canvas.token method',
        );
  }
  if (queryToken !== undefined && tokens.verify(queryToken) > 0) {
    url.searchParams.delete(TOKEN_QUERY);
    return {
      ok: true,
      setCookie: { token: queryToken, maxAgeMs: tokens.verify(queryToken) },
      redirectTo: url.pathname + url.search,
    };
  }
  return { ok: true };
}

/** The challenge a browser or client needs beside a 401 (the kernel writes the body). */
export function challengeFor(reply: FastifyReply, err: unknown): void {
  if ((err as { status?: unknown }).status === 401) reply.header('www-authenticate', 'Bearer realm="moltbot-canvas"');
}
