/**
 * Where the shared token lives in the browser: read once from the `#token=` fragment that
 * `moltbot dashboard` prints, kept in sessionStorage (this tab only, gone when it closes) and
 * removed from the address bar at once. A token in the query string is never read: query
 * strings end up in server logs and proxies. Passwords are never stored.
 */
const TOKEN_KEY = 'moltbot.gateway.token';

export function takeTokenFromFragment(
  loc: Location = window.location,
  hist: History = window.history,
): string | undefined {
  const hash = loc.hash.startsWith('#') ? loc.hash.slice(1) : loc.hash;
  if (!hash) return undefined;
  const params = new URLSearchParams(hash);
  const token = params.get('token')?.trim();
  if (!params.has('token')) return undefined;
  params.delete('token');
  const rest = params.toString();
  hist.replaceState(hist.state, '', `${loc.pathname}${loc.search}${rest ? `#${rest}` : ''}`);
  if (!token) return undefined;
  rememberToken(token);
  return token;
}

export function rememberedToken(): string | undefined {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberToken(token: string): void {
  try {
    sessionStorage.setItem(TOKEN_KEY, token);
  } catch {
    // Storage disabled (private mode): the token lives in memory for this page only.
  }
}

export function forgetToken(): void {
  try {
    sessionStorage.removeItem(TOKEN_KEY);
  } catch {
    // nothing stored
  }
}
