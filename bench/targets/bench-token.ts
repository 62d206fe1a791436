import { randomBytes } from 'node:crypto';

/** A fresh random shared secret per server start. */
export function benchToken(): string {
  return randomBytes(24).toString('hex');
}

/** The `connect` params both targets receive: an operator CLI asking for no scopes (→ admin). */
export function operatorConnectParams(token: string): Record<string, unknown> {
  return {
    minProtocol: 7,
    maxProtocol: 7,
    client: { id: 'cli', version: 'bench', platform: process.platform, mode: 'cli' },
    role: 'operator',
    auth: { token },
  };
}
