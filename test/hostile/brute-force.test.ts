import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { newDeviceKey, signDevice } from '../kernel/device-key.js';
import { connectFrame, connectRaw, openRaw } from '../kernel/raw-socket.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

// Issue 10, defect 1: one local process (or web page) must not lock every local client out,
// and the budget must hold against the tricks that used to defeat it.
const TOKEN = 'brute-force-token-0123456789abcdefghijklmn';
const MAX = 3;
let gw: GatewayProcess;

beforeAll(async () => {
  gw = await startReady({
    config: {
      gateway: {
        auth: { token: TOKEN, rateLimit: { maxFailures: MAX, windowMs: 60_000 } },
        http: { endpoints: { chatCompletions: { enabled: true } } },
      },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

/** One connect attempt from `localAddress` (another 127.0.0.x when given); returns the response frame. */
async function attempt(
  auth: Record<string, string> | undefined,
  localAddress?: string,
  extra: Record<string, unknown> = {},
) {
  const s = await openRaw(gw.url, {}, localAddress);
  const res = await connectRaw(s, connectFrame(undefined, { ...(auth ? { auth } : {}), ...extra }));
  s.ws.close();
  return res;
}

function httpGet(path: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port: gw.port, path, headers, agent: false }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
  });
}

const CLI_SCOPES = ['operator.admin'];

/** Connect as a device: sign the challenge; `token` is what goes in auth.token (and the signature). */
async function deviceConnect(key: ReturnType<typeof newDeviceKey>, token: string) {
  const s = await openRaw(gw.url);
  const device = signDevice(key, {
    clientId: 'cli',
    clientMode: 'cli',
    role: 'operator',
    scopes: CLI_SCOPES,
    token,
    nonce: s.nonce,
  });
  const res = await connectRaw(
    s,
    connectFrame(undefined, {
      client: { id: 'cli', version: '1.0.0', platform: 'linux', mode: 'cli' },
      role: 'operator',
      scopes: CLI_SCOPES,
      auth: { token },
      device,
    }),
  );
  s.ws.close();
  return res;
}

describe('auth failure budget', () => {
  const paired = newDeviceKey();
  let deviceToken = '';

  it('a device pairs with the shared token and is issued its device token', async () => {
    const res = await deviceConnect(paired, TOKEN);
    expect(res.ok).toBe(true);
    deviceToken = res.payload.auth.deviceToken;
    expect(deviceToken).toMatch(/^[\w-]{43}$/);
  });

  it('a missing credential is a 401 and nothing more: it does not count toward the limit', async () => {
    for (let i = 0; i < MAX * 3; i++) {
      const res = await attempt(undefined);
      expect(res.error.code).toBe('UNAUTHORIZED');
      expect(res.error.details.errorCode).toBe('GW_ERR_AUTH_REQUIRED');
      // Defect 5: a refused stranger is not told where the server keeps its config (home folder).
      expect(JSON.stringify(res)).not.toContain(gw.home);
      expect(await httpGet('/v1/models')).toBe(401);
    }
    expect((await attempt({ token: TOKEN })).ok).toBe(true);
  });

  it('a success does not reset the shared budget: wrong, right, wrong … is limited after maxFailures', async () => {
    for (let i = 0; i < MAX - 1; i++) {
      expect((await attempt({ token: `wrong-${i}` })).error.code).toBe('UNAUTHORIZED');
      expect((await attempt({ token: TOKEN })).ok).toBe(true);
    }
    expect((await attempt({ token: 'wrong-last' })).error.code).toBe('UNAUTHORIZED');
    const limited = await attempt({ token: 'wrong-after' });
    expect(limited.error.code).toBe('RATE_LIMITED');
    expect(limited.error.retryAfterMs).toBeGreaterThan(0);
  });

  it('past the limit, guesses are not evaluated (the right one neither) and do not extend the wait', async () => {
    const first = await attempt({ token: 'another-wrong' });
    const right = await attempt({ token: TOKEN });
    expect(first.error.code).toBe('RATE_LIMITED');
    expect(right.error.code).toBe('RATE_LIMITED');
    expect(right.error.retryAfterMs).toBeLessThanOrEqual(first.error.retryAfterMs);
    expect(await httpGet('/v1/models', { authorization: `Bearer ${TOKEN}` })).toBe(429);
  });

  it('the whole loopback range is one source: another 127.0.0.x is limited too', async () => {
    for (const addr of ['127.0.0.2', '127.0.0.3', '127.1.2.3']) {
      const res = await attempt({ token: 'rotated-guess' }, addr);
      expect(res.error.code).toBe('RATE_LIMITED');
    }
  });

  it('a paired device presenting its device token is checked first: never locked out by the others', async () => {
    const res = await deviceConnect(paired, deviceToken);
    expect(res.ok).toBe(true);
    expect(res.payload.auth).toBeUndefined();
  });

  it('a fresh device key does not buy a fresh budget for shared-secret guesses', async () => {
    const res = await deviceConnect(newDeviceKey(), 'a-guess-with-a-new-key');
    expect(res.error.code).toBe('RATE_LIMITED');
  });
});
