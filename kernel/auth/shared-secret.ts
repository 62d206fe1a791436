import crypto from 'node:crypto';

export type AuthMode = 'token' | 'password';

export interface ResolvedAuth {
  mode: AuthMode;
  /** The secret clients must present (never logged). */
  secret: string;
  /** Where it came from, for status screens: `flag`, `env`, `config`, `generated`. */
  source: 'flag' | 'env' | 'config' | 'generated';
  allowTailscale: boolean;
}

export interface AuthSources {
  flagToken?: string;
  env: NodeJS.ProcessEnv;
  config?: { mode?: AuthMode; token?: string; password?: string; allowTailscale?: boolean };
}

/** Token/password precedence: flag > env > config (PROTOCOL.md "Auth"). Undefined when none is set. */
export function resolveAuth(sources: AuthSources): ResolvedAuth | undefined {
  const cfg = sources.config ?? {};
  const allowTailscale = cfg.allowTailscale === true;
  const envPassword = sources.env.CLAWDBOT_GATEWAY_PASSWORD;
  const mode: AuthMode =
    cfg.mode ??
    (!cfg.token && !sources.flagToken && !sources.env.CLAWDBOT_GATEWAY_TOKEN && (envPassword || cfg.password)
      ? 'password'
      : 'token');
  if (mode === 'password') {
    if (envPassword) return { mode, secret: envPassword, source: 'env', allowTailscale };
    if (cfg.password) return { mode, secret: cfg.password, source: 'config', allowTailscale };
    return undefined;
  }
  if (sources.flagToken) return { mode, secret: sources.flagToken, source: 'flag', allowTailscale };
  if (sources.env.CLAWDBOT_GATEWAY_TOKEN)
    return { mode, secret: sources.env.CLAWDBOT_GATEWAY_TOKEN, source: 'env', allowTailscale };
  if (cfg.token) return { mode, secret: cfg.token, source: 'config', allowTailscale };
  return undefined;
}

/** A new gateway token: 32 random bytes, base64url (43 chars). */
export function generateToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/**
 * Constant-time comparison of a presented secret with the expected one. Both sides are hashed
 * first so that neither the content nor the length leaks through timing.
 */
export function secretsEqual(presented: string | undefined, expected: string): boolean {
  if (typeof presented !== 'string') return false;
  const a = crypto.createHash('sha256').update(presented).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/** Reads `Authorization: Bearer <secret>`. */
export function bearerFrom(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  if (!value) return undefined;
  const m = /^Bearer\s+(.+)$/i.exec(value.trim());
  return m ? m[1]!.trim() : undefined;
}
