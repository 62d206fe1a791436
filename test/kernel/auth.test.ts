import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { GatewayConnectError } from '../../sdk/client/gateway-client.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { connectFrame, connectRaw, openRaw } from './raw-socket.js';
import { startReady } from './start-gateway.js';

// Several gateway processes per file: leave room for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

const TAILSCALE_HEADERS = {
  'tailscale-user-login': 'alice@example.com',
  'tailscale-user-name': 'Alice',
  'x-forwarded-for': '100.101.102.103',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'gateway.tail1234.ts.net',
};

async function refusal(
  gw: GatewayProcess,
  auth: Record<string, string> | undefined,
  headers: Record<string, string> = {},
) {
  const s = await openRaw(gw.url, headers);
  const frame = connectFrame(undefined, auth ? { auth } : {});
  const res = await connectRaw(s, frame);
  const closed = await s.closed;
  return { res, closed };
}

describe('token auth (shared secret in config)', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await startReady();
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('refuses a connect with no secret at all, even on loopback: UNAUTHORIZED then 1008', async () => {
    const { res, closed } = await refusal(gw, undefined);
    expect(res.ok).toBe(false);
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(res.error.message).toContain('authentication required');
    expect(res.error.message).toContain('auth.token');
    expect(res.error.details.errorCode).toBe('GW_ERR_AUTH_REQUIRED');
    expect(closed.code).toBe(1008);
  });

  it('refuses a wrong token: UNAUTHORIZED then 1008, and the message does not echo either secret', async () => {
    const { res, closed } = await refusal(gw, { token: 'not-the-token-xyz' });
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(res.error.message).toMatch(/invalid token/);
    expect(res.error.details.errorCode).toBe('GW_ERR_AUTH_INVALID');
    expect(JSON.stringify(res)).not.toContain('not-the-token-xyz');
    expect(JSON.stringify(res)).not.toContain(gw.token);
    expect(closed.code).toBe(1008);
  });

  it('a password does not satisfy token mode', async () => {
    const { res } = await refusal(gw, { password: gw.token });
    expect(res.error.code).toBe('UNAUTHORIZED');
  });

  it('accepts the right token', async () => {
    const c = await gw.client();
    expect(c.hello.type).toBe('hello-ok');
    c.close();
  });

  it('ignores Tailscale identity headers when gateway.auth.allowTailscale is off', async () => {
    const { res, closed } = await refusal(gw, undefined, TAILSCALE_HEADERS);
    expect(res.error.code).toBe('UNAUTHORIZED');
    expect(closed.code).toBe(1008);
  });
});

describe('password auth', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await startReady({
      config: {
        gateway: {
          auth: { mode: 'password', password: 'correct horse battery staple', rateLimit: { maxFailures: 1000 } },
        },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('accepts the password and refuses a wrong one or a token', async () => {
    const c = await gw.client({ token: undefined, password: 'correct horse battery staple' });
    expect(c.hello.type).toBe('hello-ok');
    const status = await c.request('status');
    expect(status.auth.mode).toBe('password');
    c.close();
    const wrong = await refusal(gw, { password: 'wrong horse' });
    expect(wrong.res.error.code).toBe('UNAUTHORIZED');
    expect(wrong.res.error.message).toMatch(/invalid password/);
    expect(wrong.closed.code).toBe(1008);
    const asToken = await refusal(gw, { token: 'correct horse battery staple' });
    expect(asToken.res.error.code).toBe('UNAUTHORIZED');
    expect(asToken.res.error.message).toContain('auth.password');
  });
});

describe('secret precedence: --token > CLAWDBOT_GATEWAY_TOKEN > gateway.auth.token', () => {
  const CONFIG = 'config-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
  const ENV = 'env-token-bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
  const FLAG = 'flag-token-cccccccccccccccccccccccccccccccccccc';
  let flagGw: GatewayProcess;
  let envGw: GatewayProcess;
  beforeAll(async () => {
    [flagGw, envGw] = await Promise.all([
      startReady({ token: CONFIG, env: { CLAWDBOT_GATEWAY_TOKEN: ENV }, args: ['--token', FLAG] }),
      startReady({ token: CONFIG, env: { CLAWDBOT_GATEWAY_TOKEN: ENV } }),
    ]);
  });
  afterAll(async () => {
    await Promise.all([flagGw?.stop(), envGw?.stop()]);
  });

  it('--token wins over the env and the config', async () => {
    const c = await flagGw.client({ token: FLAG });
    expect((await c.request('status')).auth.source).toBe('flag');
    c.close();
    for (const t of [ENV, CONFIG]) {
      const err = await flagGw.client({ token: t }).catch((e) => e);
      expect(err).toBeInstanceOf(GatewayConnectError);
      expect(err.error.code).toBe('UNAUTHORIZED');
    }
  });

  it('CLAWDBOT_GATEWAY_TOKEN wins over the config', async () => {
    const c = await envGw.client({ token: ENV });
    expect((await c.request('status')).auth.source).toBe('env');
    c.close();
    const err = await envGw.client({ token: CONFIG }).catch((e) => e);
    expect(err.error.code).toBe('UNAUTHORIZED');
  });

  it('the secret never appears on stdout/stderr', () => {
    for (const g of [flagGw, envGw]) {
      for (const t of [CONFIG, ENV, FLAG]) {
        expect(g.output()).not.toContain(t);
        expect(g.stderr()).not.toContain(t);
      }
    }
  });
});

describe('failure rate limiting', () => {
  let gw: GatewayProcess;
  beforeAll(async () => {
    gw = await startReady({
      config: {
        gateway: {
          auth: { token: 'rate-limit-token-0123456789abcdefghijkl', rateLimit: { maxFailures: 3, windowMs: 60_000 } },
        },
      },
    });
  });
  afterAll(async () => {
    await gw?.stop();
  });

  it('after maxFailures wrong secrets from one address, even the right one is RATE_LIMITED', async () => {
    for (let i = 0; i < 3; i++) {
      const { res } = await refusal(gw, { token: `wrong-${i}` });
      expect(res.error.code).toBe('UNAUTHORIZED');
    }
    const { res, closed } = await refusal(gw, { token: 'rate-limit-token-0123456789abcdefghijkl' });
    expect(res.error.code).toBe('RATE_LIMITED');
    expect(res.error.retryable).toBe(true);
    expect(res.error.details.errorCode).toBe('GW_ERR_AUTH_RATE_LIMITED');
    expect(res.error.retryAfterMs).toBeGreaterThan(50_000);
    expect(res.error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(closed.code).toBe(1008);
    const err = await gw.client({ token: 'rate-limit-token-0123456789abcdefghijkl' }).catch((e) => e);
    expect(err).toBeInstanceOf(GatewayConnectError);
    expect(err.kind).toBe('auth');
    expect(err.error.code).toBe('RATE_LIMITED');
  });
});

// Tailscale Serve identity (allowTailscale on, with and without tailscaled): test/hostile/tailscale-forgery.test.ts
