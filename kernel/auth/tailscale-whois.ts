import http from 'node:http';

/** What tailscaled says about an address. */
export type WhoisAnswer =
  | { kind: 'peer'; login: string; name?: string; node?: string }
  | { kind: 'unknown' }
  | { kind: 'unavailable'; reason: string };

export type WhoisLookup = (address: string) => Promise<WhoisAnswer>;

/**
 * tailscaled's LocalAPI socket: `CLAWDBOT_TAILSCALE_SOCKET`, else the daemon's default
 * (`/var/run/tailscale/tailscaled.sock` on Linux, `/var/run/tailscaled.socket` for the
 * open-source daemon on macOS).
 */
export function tailscaledSocketPath(env: NodeJS.ProcessEnv, platform = process.platform): string {
  if (env.CLAWDBOT_TAILSCALE_SOCKET) return env.CLAWDBOT_TAILSCALE_SOCKET;
  return platform === 'darwin' ? '/var/run/tailscaled.socket' : '/var/run/tailscale/tailscaled.sock';
}

/**
 * `GET /localapi/v0/whois?addr=<ip>` over the unix socket (what `tailscale whois` asks):
 * 200 with `{Node, UserProfile:{LoginName, DisplayName}}` for a tailnet peer, 404 for an
 * address that is none. Confirmed answers are cached briefly (a page load is many requests);
 * failures are not cached, so a tailscaled that comes back is seen at once.
 */
export function createWhoisLookup(
  socketPath: string,
  options: { timeoutMs?: number; cacheMs?: number } = {},
): WhoisLookup {
  const timeoutMs = options.timeoutMs ?? 2000;
  const cacheMs = options.cacheMs ?? 30_000;
  const cache = new Map<string, { answer: WhoisAnswer; until: number }>();
  return async (address) => {
    const now = Date.now();
    const hit = cache.get(address);
    if (hit && hit.until > now) return hit.answer;
    const answer = await whois(socketPath, address, timeoutMs);
    if (answer.kind !== 'unavailable') {
      if (cache.size >= 1000) cache.delete(cache.keys().next().value!);
      cache.set(address, { answer, until: now + cacheMs });
    }
    return answer;
  };
}

function whois(socketPath: string, address: string, timeoutMs: number): Promise<WhoisAnswer> {
  return new Promise((resolve) => {
    const req = http.get(
      {
        socketPath,
        path: `/localapi/v0/whois?addr=${encodeURIComponent(address)}`,
        // tailscaled checks the Host of LocalAPI requests.
        headers: { host: 'local-tailscaled.sock' },
        timeout: timeoutMs,
      },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (body.length < 1 << 20) body += chunk;
        });
        res.on('end', () => {
          if (res.statusCode === 404) return resolve({ kind: 'unknown' });
          if (res.statusCode !== 200)
            return resolve({ kind: 'unavailable', reason: `whois answered HTTP ${res.statusCode}` });
          try {
            const parsed = JSON.parse(body) as {
              Node?: { Name?: string };
              UserProfile?: { LoginName?: string; DisplayName?: string };
            };
            const login = parsed.UserProfile?.LoginName;
            if (!login) return resolve({ kind: 'unknown' });
            resolve({
              kind: 'peer',
              login,
              name: parsed.UserProfile?.DisplayName,
              node: parsed.Node?.Name?.replace(/\.$/, ''),
            });
          } catch {
            resolve({ kind: 'unavailable', reason: 'whois answered something that is not JSON' });
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.on('error', (err: NodeJS.ErrnoException) => resolve({ kind: 'unavailable', reason: err.code ?? err.message }));
  });
}
