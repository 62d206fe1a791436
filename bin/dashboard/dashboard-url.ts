/**
 * The link `moltbot dashboard` prints: the gateway's HTTP origin (from its WebSocket URL), the
 * dashboard's base path, and the token in the fragment — a fragment never reaches a server or
 * its logs, and the page removes it from the address bar after reading it.
 */
export function dashboardUrl(wsUrl: string, basePath: unknown, token: string | undefined): string {
  const url = new URL(wsUrl);
  const scheme = url.protocol === 'wss:' ? 'https:' : 'http:';
  const raw = typeof basePath === 'string' && basePath.trim() !== '' ? basePath.trim() : '/';
  const base = `${raw.startsWith('/') ? '' : '/'}${raw}${raw.endsWith('/') ? '' : '/'}`;
  return `${scheme}//${url.host}${base}${token ? `#token=${encodeURIComponent(token)}` : ''}`;
}
