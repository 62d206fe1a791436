import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch } from './guarded-fetch.js';

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/ok') return res.writeHead(200, { 'content-type': 'text/plain' }).end('x'.repeat(5000));
    if (req.url === '/to-other') return res.writeHead(302, { location: `http://127.0.0.2:${port}/ok` }).end();
    if (req.url === '/loop') return res.writeHead(302, { location: '/loop' }).end();
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((r) => server.close(r)));

// Only 127.0.0.1 counts as "public" here, so a redirect to any other address must be refused.
const limits = {
  allowPrivate: false,
  maxBytes: 1000,
  maxRedirects: 3,
  timeoutMs: 5000,
  userAgent: 't',
  blocked: (a: string) => (a === '127.0.0.1' ? undefined : `${a} is blocked`),
};

describe('guardedFetch', () => {
  it('fetches an allowed address and caps the body', async () => {
    const page = await guardedFetch(`http://127.0.0.1:${port}/ok`, limits, new AbortController().signal);
    expect(page).toMatchObject({ status: 200, truncated: true });
    expect(page.body.length).toBe(1000);
  });
  it('checks every redirect hop and bounds the number of hops', async () => {
    await expect(
      guardedFetch(`http://127.0.0.1:${port}/to-other`, limits, new AbortController().signal),
    ).rejects.toThrow(/refused 127\.0\.0\.2: 127\.0\.0\.2 is blocked/);
    await expect(guardedFetch(`http://127.0.0.1:${port}/loop`, limits, new AbortController().signal)).rejects.toThrow(
      /redirected more than 3 times/,
    );
  });
});
