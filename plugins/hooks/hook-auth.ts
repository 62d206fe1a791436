import crypto from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

/** The token a client sent: `Authorization: Bearer …` or `x-moltbot-token`, nowhere else. */
export function presentedToken(headers: IncomingHttpHeaders): string | undefined {
  const auth = headers.authorization;
  const bearer = typeof auth === 'string' ? /^Bearer\s+(.+)$/i.exec(auth.trim())?.[1]?.trim() : undefined;
  if (bearer) return bearer;
  const header = headers['x-moltbot-token'];
  return typeof header === 'string' && header.trim() ? header.trim() : undefined;
}

/** Constant time whatever the lengths: compare digests. */
export function tokenMatches(presented: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** A token in the query string ends up in proxies' and browsers' logs: such requests are refused. */
export function queryCarriesToken(url: string | undefined): boolean {
  const q = url?.indexOf('?') ?? -1;
  if (q < 0) return false;
  const params = new URLSearchParams(url!.slice(q + 1));
  for (const key of params.keys()) if (/^(token|hooks?_?token|access_token)$/i.test(key)) return true;
  return false;
}
