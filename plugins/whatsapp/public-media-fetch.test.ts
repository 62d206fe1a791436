import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchPublicMedia, MediaFetchError } from './public-media-fetch.js';

let server: http.Server;
let base: string;
let port: number;
const limits = { maxBytes: 1024, timeoutMs: 5000 };
/** Loopback allowed (the test server), 127.0.0.2 stands for a private address. */
const onlyLoopbackOne = (a: string) => (a === '127.0.0.1' ? undefined : `${a} is blocked here`);

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/cat.png') return res.writeHead(200, { 'content-type': 'image/png' }).end('PNGDATA');
    if (req.url === '/away') return res.writeHead(302, { location: `http://127.0.0.2:${port}/cat.png` }).end();
    if (req.url === '/big') return res.writeHead(200).end(Buffer.alloc(2048));
    res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

async function refusal(url: string, blocked?: (a: string) => string | undefined): Promise<MediaFetchError> {
  const err = await fetchPublicMedia(url, { ...limits, ...(blocked ? { blocked } : {}) }).then(
    () => undefined,
    (e) => e,
  );
  expect(err).toBeInstanceOf(MediaFetchError);
  return err as MediaFetchError;
}

describe('fetchPublicMedia (outbound media URLs fetched by the gateway)', () => {
  it('refuses loopback, private, link-local and mapped addresses, by literal or by name', async () => {
    // Which addresses are not public is the SDK's policy (sdk/address-policy.test.ts); here its use.
    expect((await refusal(`${base}/cat.png`)).message).toMatch(/127\.0\.0\.1 is a loopback address/);
    expect((await refusal('http://169.254.169.254/latest/meta-data/')).permanent).toBe(true);
    expect((await refusal(`http://localhost:${port}/cat.png`)).message).toMatch(
      /localhost is not fetched: it resolves/,
    );
    expect((await refusal('http://[::ffff:10.1.2.3]/cat.png')).message).toMatch(/is a private address/);
    expect((await refusal('http://[fd00::1]/cat.png')).message).toMatch(/is a uniqueLocal address/);
    expect((await refusal('file:///etc/passwd')).message).toMatch(/only http and https/);
  });

  it('fetches an allowed address; a redirect to a refused one, a 404 and an oversize body are refused', async () => {
    expect(await fetchPublicMedia(`${base}/cat.png`, { ...limits, blocked: onlyLoopbackOne })).toEqual({
      data: Buffer.from('PNGDATA'),
      contentType: 'image/png',
    });
    expect((await refusal(`${base}/away`, onlyLoopbackOne)).message).toMatch(/127\.0\.0\.2 is blocked here/);
    const missing = await refusal(`${base}/nope`, onlyLoopbackOne);
    expect([missing.message, missing.permanent]).toEqual([`${base}/nope answered HTTP 404`, true]);
    expect((await refusal(`${base}/big`, onlyLoopbackOne)).message).toMatch(
      /over the 1\.0 KB limit for media \(channels\.whatsapp\.mediaMaxMb\)/,
    );
  });
});
