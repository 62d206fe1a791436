import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { type FakeModelProvider, startFakeModelProvider } from '../../test/fakes/model-provider.js';
import { freePort } from '../../test/support/free-port.js';
import agentPlugin from '../agent/index.js';
import { canvasAuthRequired } from './canvas-access.js';
import canvasPlugin from './index.js';

const SECRET = 'TOP-SECRET-7f3a9c';
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

/** One raw HTTP/1.1 request, bytes exactly as given (no client-side URL normalisation). */
function rawGet(
  port: number,
  target: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; raw: string }> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let data = '';
    s.on('data', (d) => (data += d.toString('latin1')));
    s.on('end', () => resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(data)?.[1] ?? 0), raw: data }));
    s.on('error', reject);
    const lines = [`GET ${target} HTTP/1.1`, `Host: 127.0.0.1:${port}`];
    if (!headers.Connection) lines.push('Connection: close');
    for (const [k, v] of Object.entries(headers)) lines.push(`${k}: ${v}`);
    s.write(Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'));
  });
}

/** The JSON body of a raw answer. */
function bodyOf(raw: string): unknown {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4));
}

/** The gateway's error body (wireError), as every refusal on the canvas port carries it. */
const refusal = (code: string, errorCode: string) => ({
  error: { code, type: code.toLowerCase(), message: expect.any(String), details: { errorCode } },
});
const MISSING = refusal('NOT_FOUND', 'GW_ERR_CANVAS_FILE_MISSING');

/** A WebSocket upgrade written by hand: the raw answer of a refused one. */
function rawUpgrade(port: number, target: string, headers: Record<string, string> = {}): Promise<string> {
  return rawGet(port, target, {
    Upgrade: 'websocket',
    Connection: 'Upgrade',
    'Sec-WebSocket-Version': '13',
    'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==',
    ...headers,
  }).then((r) => r.raw);
}

function connectRefused(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve(false);
    });
    s.once('error', (err: NodeJS.ErrnoException) => resolve(err.code === 'ECONNREFUSED'));
  });
}

let gw: TestGateway;
let fake: FakeModelProvider;
let port: number;
// Made at load: the escape table below names absolute paths into it.
const base = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-host-'));
const root = path.join(base, 'canvas');
const canvasUrl = (p: string) => `http://127.0.0.1:${port}/__moltbot__/canvas/${p}`;

function config(extra: Record<string, unknown> = {}) {
  return {
    canvasHost: { port, root, ...extra },
    models: {
      providers: {
        fake: { baseUrl: fake.baseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'test-model' }] },
      },
    },
    agents: { defaults: { model: { primary: 'fake/test-model' } } },
  };
}

beforeAll(async () => {
  fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
  fs.mkdirSync(path.join(root, 'empty-dir'));
  fs.mkdirSync(path.join(root, '.git'));
  fs.writeFileSync(path.join(root, 'index.html'), '<!doctype html><html><body><h1>Home</h1></body></html>');
  fs.writeFileSync(path.join(root, 'style.css'), 'body { color: red; }\n');
  fs.writeFileSync(path.join(root, 'app.js'), 'console.log(1);\n');
  fs.writeFileSync(path.join(root, 'data.json'), '{"a":1}');
  fs.writeFileSync(path.join(root, 'pixel.png'), PNG);
  fs.writeFileSync(path.join(root, 'numbers.txt'), '0123456789abcdefghij');
  fs.writeFileSync(path.join(root, 'sub', 'page.html'), '<p>sub page</p>');
  fs.writeFileSync(path.join(root, '.env'), SECRET);
  fs.writeFileSync(path.join(root, '.git', 'config'), SECRET);
  fs.writeFileSync(path.join(base, 'secret.txt'), SECRET);
  fs.symlinkSync(path.join(base, 'secret.txt'), path.join(root, 'link-out.txt'));
  fs.symlinkSync(base, path.join(root, 'dir-out'));
  fake = await startFakeModelProvider();
  port = await freePort();
  gw = await startTestGateway({ plugins: [agentPlugin, canvasPlugin], config: config() });
});

afterAll(async () => {
  await gw?.close();
  await fake?.close();
  fs.rmSync(base, { recursive: true, force: true });
});

describe('canvas host: path safety', () => {
  const escapes = [
    '../secret.txt',
    '..%2fsecret.txt',
    '%2e%2e/secret.txt',
    '%2E%2E%2Fsecret.txt',
    '%252e%252e/secret.txt',
    '%252e%252e%252fsecret.txt',
    '..%5csecret.txt',
    '..\\secret.txt',
    'sub/../../secret.txt',
    'index.html%00.css',
    `/${base.slice(1)}/secret.txt`,
    `%2f${base.slice(1).replaceAll('/', '%2f')}%2fsecret.txt`,
    'link-out.txt',
    'dir-out/secret.txt',
    '.env',
    '.git/config',
    '%2eenv',
  ];
  it.each(escapes)('%s → 404 without a byte of the target', async (p) => {
    const res = await rawGet(port, `/__moltbot__/canvas/${p}`);
    expect(res.status).toBe(404);
    expect(res.raw).not.toContain(SECRET);
    // One body for every miss, so a probe cannot tell which spelling came close.
    expect(bodyOf(res.raw)).toEqual(MISSING);
  });

  it('a missing file, an unknown path and another WebSocket path: the same 404 body', async () => {
    const missing = await rawGet(port, '/__moltbot__/canvas/no-such-file.html');
    expect(missing.status).toBe(404);
    expect(missing.raw).toMatch(/content-type: application\/json/i);
    expect(bodyOf(missing.raw)).toEqual(bodyOf((await rawGet(port, '/elsewhere')).raw));
    expect(bodyOf(missing.raw)).toEqual(MISSING);
    const ws = await rawUpgrade(port, '/not-the-live-reload');
    expect(ws).toMatch(/^HTTP\/1\.1 404 /);
    expect(bodyOf(ws)).toEqual(MISSING);
  });

  it('a NUL byte sent raw is refused too', async () => {
    const res = await rawGet(port, '/__moltbot__/canvas/index.html\0.css');
    expect([400, 404]).toContain(res.status);
    expect(res.raw).not.toContain(SECRET);
  });

  it('no directory listings: a folder without index.html is a 404', async () => {
    expect((await rawGet(port, '/__moltbot__/canvas/empty-dir/')).status).toBe(404);
    expect((await rawGet(port, '/__moltbot__/canvas/sub/')).status).toBe(404);
  });
});

describe('canvas host: serving', () => {
  it('content types', async () => {
    const types: Record<string, RegExp> = {
      'index.html': /^text\/html/,
      'style.css': /^text\/css/,
      'app.js': /javascript/,
      'data.json': /^application\/json/,
      'pixel.png': /^image\/png$/,
      'sub/page.html': /^text\/html/,
    };
    for (const [file, type] of Object.entries(types)) {
      const res = await fetch(canvasUrl(file));
      expect(res.status, file).toBe(200);
      expect(res.headers.get('content-type'), file).toMatch(type);
    }
    expect(Buffer.from(await (await fetch(canvasUrl('pixel.png'))).arrayBuffer()).equals(PNG)).toBe(true);
  });

  it('ETag and Last-Modified: a revalidation is a 304 with no body', async () => {
    const first = await fetch(canvasUrl('style.css'));
    const etag = first.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect(first.headers.get('last-modified')).toBeTruthy();
    expect(first.headers.get('cache-control')).toBe('no-cache');
    // Raw: fetch adds "Cache-Control: no-cache" to conditional requests, which forces a 200.
    const again = await rawGet(port, '/__moltbot__/canvas/style.css', { 'If-None-Match': etag });
    expect(again.status).toBe(304);
    expect(again.raw.split('\r\n\r\n')[1]).toBe('');
    const since = await rawGet(port, '/__moltbot__/canvas/style.css', {
      'If-Modified-Since': first.headers.get('last-modified')!,
    });
    expect(since.status).toBe(304);
  });

  it('range requests: 206 with exactly the bytes asked for', async () => {
    const res = await fetch(canvasUrl('numbers.txt'), { headers: { range: 'bytes=5-9' } });
    expect(res.status).toBe(206);
    expect(res.headers.get('content-range')).toBe('bytes 5-9/20');
    expect(await res.text()).toBe('56789');
  });

  it('HTML gets the live-reload script, other files do not; / redirects to the canvas', async () => {
    const html = await (await fetch(canvasUrl(''))).text();
    expect(html).toContain('<h1>Home</h1>');
    expect(html).toContain('/__moltbot__/ws');
    expect(html.indexOf('/__moltbot__/ws')).toBeLessThan(html.indexOf('</body>'));
    expect(await (await fetch(canvasUrl('app.js'))).text()).toBe('console.log(1);\n');
    const redirect = await fetch(`http://127.0.0.1:${port}/`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toBe('/__moltbot__/canvas/');
  });

  it('hello-ok.canvasHostUrl names it', async () => {
    const c = await gw.client();
    expect(c.hello.canvasHostUrl).toBe(`http://127.0.0.1:${port}`);
    c.close();
  });
});

describe('canvas host: live reload', () => {
  it('a WebSocket client hears "reload" when a file changes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/__moltbot__/ws`);
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    const message = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())));
    fs.writeFileSync(path.join(root, 'style.css'), 'body { color: blue; }\n');
    expect(await message).toBe('reload');
    ws.close();
  });

  it('an upgrade on any other path is refused', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/elsewhere`);
    const err = await new Promise<Error>((resolve) => ws.once('error', resolve));
    expect(err.message).toMatch(/404/);
  });
});

describe('canvas host: the agent tool in a model turn', () => {
  it('present writes a markdown page and returns its URL; list sees it', async () => {
    fake.script([
      {
        toolCalls: [
          { name: 'canvas', arguments: { action: 'present', name: 'report', markdown: '# Sales\n\n*up* 12%' } },
        ],
      },
      { toolCalls: [{ name: 'canvas', arguments: { action: 'list' } }] },
      { text: 'Shown on your canvas.' },
    ]);
    const c = await gw.client();
    const final = await c.request(
      'agent',
      { message: 'show the report', idempotencyKey: `canvas-${Date.now()}` },
      { onAccepted: () => undefined },
    );
    expect(final.summary).toBe('Shown on your canvas.');
    const completions = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    const toolResults = completions.flatMap((r) => r.body.messages.filter((m: any) => m.role === 'tool'));
    const presented = JSON.parse(toolResults[0].content);
    expect(presented).toMatchObject({ ok: true, page: 'report.html', url: canvasUrl('report.html') });
    expect(JSON.parse(toolResults.at(-1).content).pages.map((p: any) => p.name)).toContain('report.html');
    const page = await (await fetch(presented.url)).text();
    expect(page).toContain('<h1>Sales</h1>');
    expect(page).toContain('<em>up</em>');
    c.close();
  });
});

describe('canvas host: credentials', () => {
  it('bound beyond loopback it asks for credentials (auto); always asks on loopback too', () => {
    expect(canvasAuthRequired('0.0.0.0', 'auto')).toBe(true);
    expect(canvasAuthRequired('192.168.1.20', 'auto')).toBe(true);
    expect(canvasAuthRequired('127.0.0.1', 'auto')).toBe(false);
    expect(canvasAuthRequired('127.0.0.1', 'always')).toBe(true);
  });

  it('with credentials required: bearer secret, or a canvas.token URL that sets a cookie', async () => {
    await gw.setConfig(config({ auth: 'always' }));
    const none = await fetch(canvasUrl('style.css'));
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer realm="moltbot-canvas"');
    expect(await none.json()).toEqual(refusal('UNAUTHORIZED', 'GW_ERR_CANVAS_AUTH_REQUIRED'));
    const wrong = await fetch(canvasUrl('style.css'), { headers: { authorization: 'Bearer wrong' } });
    expect(wrong.status).toBe(401);
    expect(await wrong.json()).toEqual(refusal('UNAUTHORIZED', 'GW_ERR_CANVAS_AUTH_INVALID'));
    const upgrade = await rawUpgrade(port, '/__moltbot__/ws');
    expect(upgrade).toMatch(/^HTTP\/1\.1 401 /);
    expect(bodyOf(upgrade)).toEqual(refusal('UNAUTHORIZED', 'GW_ERR_CANVAS_AUTH_REQUIRED'));
    const withSecret = await fetch(canvasUrl('style.css'), { headers: { authorization: `Bearer ${gw.token}` } });
    expect(withSecret.status).toBe(200);

    const c = await gw.client();
    const minted = await c.request('canvas.token', {});
    c.close();
    expect(minted.expiresAtMs).toBeGreaterThan(Date.now());
    const entry = await fetch(`${canvasUrl('index.html')}?canvasToken=${minted.token}`, { redirect: 'manual' });
    expect(entry.status).toBe(302);
    expect(entry.headers.get('location')).toBe('/__moltbot__/canvas/index.html');
    const cookie = entry.headers.get('set-cookie')!;
    expect(cookie).toMatch(/^moltbot_canvas=v1\..*HttpOnly; SameSite=Strict/);
    const jar = cookie.split(';')[0]!;
    expect((await fetch(canvasUrl('style.css'), { headers: { cookie: jar } })).status).toBe(200);
    const forged = `${jar.slice(0, -4)}0000`;
    expect((await fetch(canvasUrl('style.css'), { headers: { cookie: forged } })).status).toBe(401);

    const refused = new WebSocket(`ws://127.0.0.1:${port}/__moltbot__/ws`);
    expect((await new Promise<Error>((resolve) => refused.once('error', resolve))).message).toMatch(/401/);
    const allowed = new WebSocket(`ws://127.0.0.1:${port}/__moltbot__/ws`, { headers: { cookie: jar } });
    await new Promise((resolve, reject) => allowed.once('open', resolve).once('error', reject));
    allowed.close();
  });
});

describe('canvas host: lifecycle', () => {
  it('unload closes the port (connect refused) and leaves nothing behind', async () => {
    await gw.setConfig({ ...config(), plugins: { entries: { canvas: { enabled: false } } } });
    expect(await connectRefused(port)).toBe(true);
    const left = await gw.leftovers('canvas');
    expect(left).toMatchObject({ methods: [], tools: [], listeners: [], undisposedEffects: 0, activeLeases: 0 });
    const c = await gw.client();
    expect(c.hello.canvasHostUrl).toBeUndefined();
    c.close();
  });
});
