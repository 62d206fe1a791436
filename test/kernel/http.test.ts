import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, REPO_ROOT } from '../support/gateway-process.js';
import { startReady } from './start-gateway.js';

const PROBE = path.join(REPO_ROOT, 'test/kernel/fixtures/kernel-probe');

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady({
    config: {
      gateway: { auth: { token: 'http-token-0123456789abcdefghijklmnopqrstu', rateLimit: { maxFailures: 5 } } },
      plugins: { entries: { 'kernel-probe': { from: PROBE } } },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

const TOKEN = 'http-token-0123456789abcdefghijklmnopqrstu';
const url = (p: string) => `http://127.0.0.1:${gw.port}${p}`;

describe('HTTP and WebSocket on one port', () => {
  it('a plugin route answers on the gateway port with the bearer secret', async () => {
    const res = await fetch(url('/probe/ping'), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ pong: true });
    const c = await gw.client({ token: TOKEN });
    expect((await c.request('status')).port).toBe(gw.port);
    c.close();
  });

  it('missing or wrong bearer: 401 with WWW-Authenticate, the secret never echoed', async () => {
    const none = await fetch(url('/probe/ping'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    expect((await none.json()).error.code).toBe('UNAUTHORIZED');
    const wrong = await fetch(url('/probe/ping'), { headers: { authorization: 'Bearer nope-nope' } });
    expect(wrong.status).toBe(401);
    const text = await wrong.text();
    expect(text).not.toContain('nope-nope');
    expect(text).not.toContain(TOKEN);
  });

  it('state-changing requests from a cross-site Origin are refused (403); own origin passes', async () => {
    const evil = await fetch(url('/probe/echo'), {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, origin: 'https://evil.example', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(evil.status).toBe(403);
    const own = await fetch(url('/probe/echo'), {
      method: 'POST',
      headers: {
        authorization: `Bearer ${TOKEN}`,
        origin: `http://127.0.0.1:${gw.port}`,
        'content-type': 'application/json',
      },
      body: '{"a":1}',
    });
    expect(own.status).toBe(200);
    expect(await own.json()).toEqual({ echo: { a: 1 } });
  });

  it('a Host that does not name the gateway is refused (403)', async () => {
    const res = await new Promise<number>((resolve, reject) => {
      import('node:http').then((http) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: gw.port,
            path: '/probe/ping',
            agent: false,
            headers: { host: 'rebind.example', authorization: `Bearer ${TOKEN}` },
          },
          (r) => {
            r.resume();
            resolve(r.statusCode ?? 0);
          },
        );
        req.on('error', reject);
        req.end();
      });
    });
    expect(res).toBe(403);
  });

  it('unknown paths: 404 JSON', async () => {
    const res = await fetch(url('/no/such/thing'), { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe('NOT_FOUND');
  });

  it('failed bearer attempts count toward the same rate limit: 429 with Retry-After', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 8; i++)
      last = await fetch(url('/probe/ping'), { headers: { authorization: `Bearer wrong-${i}` } });
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    const body = await last!.json();
    expect(body.error.code).toBe('RATE_LIMITED');
    expect(body.error.retryAfterMs).toBeGreaterThan(0);
    // The WebSocket shares the limit (same address).
    const err = await gw.client({ token: TOKEN }).catch((e) => e);
    expect(err.error.code).toBe('RATE_LIMITED');
  });
});
