import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';

const HELLO = path.join(REPO_ROOT, 'examples/01-hello-route');
const ECHO = path.join(REPO_ROOT, 'test/fixtures/plugins/echo');
const CLOCK = path.join(REPO_ROOT, 'test/fixtures/plugins/clock');
const CLOCK_READER = path.join(REPO_ROOT, 'test/fixtures/plugins/clock-reader');
const TOKEN = 'hot-reload-token-0123456789abcdef0123456789';

function config(entries: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    gateway: { auth: { token: TOKEN, rateLimit: { maxFailures: 1000 } }, reload: { debounceMs: 50 } },
    plugins: { entries: { echo: { from: ECHO }, ...entries } },
    ...extra,
  };
}

let gw: GatewayProcess;
let observer: GatewayClient;

async function get(route: string): Promise<{ status: number; body: any }> {
  const res = await fetch(`http://127.0.0.1:${gw.port}${route}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  const text = await res.text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, body };
}

beforeAll(async () => {
  gw = await startGateway({ token: TOKEN, config: config({}) });
  observer = await gw.client();
});
afterAll(async () => {
  observer?.close();
  await gw?.stop();
});

describe('hot reload of plugins', () => {
  it('loads, reloads, unloads a plugin from config edits; no client dropped, no request to another fails', async () => {
    const clients = await Promise.all(Array.from({ length: 8 }, () => gw.client()));
    let stop = false;
    let ok = 0;
    const failures: string[] = [];
    const hammer = (async () => {
      while (!stop) {
        try {
          const r = await get('/echo?x=1');
          if (r.status === 200 && r.body.tag === 'echo') ok++;
          else failures.push(`status ${r.status}`);
        } catch (err) {
          failures.push((err as Error).message);
        }
      }
    })();
    const rpc = (async () => {
      let n = 0;
      while (!stop) {
        await Promise.all(clients.map((c) => c.request('echo.ping')));
        n++;
      }
      return n;
    })();

    expect((await get('/hello')).status).toBe(404);
    gw.writeConfig(config({ hello: { from: HELLO, version: '^1.0.0', config: { greeting: 'Hi' } } }));
    await eventually(async () => expect((await get('/hello')).body).toEqual({ text: 'Hi, world!', generation: 1 }));
    const greet = await clients[0]!.request('hello.greet', { name: 'Ada' });
    expect(greet).toEqual({ text: 'Hi, Ada!', generation: 1 });

    gw.writeConfig(config({ hello: { from: HELLO, version: '^1.0.0', config: { greeting: 'Yo' } } }));
    await eventually(async () => expect((await get('/hello')).body).toEqual({ text: 'Yo, world!', generation: 2 }));
    expect(await clients[1]!.request('hello.greet', { name: 'Ada' })).toEqual({ text: 'Yo, Ada!', generation: 2 });

    gw.writeConfig(config({ hello: { from: HELLO, enabled: false, config: { greeting: 'Yo' } } }));
    await eventually(async () => expect((await get('/hello')).status).toBe(404));
    const gone = await clients[2]!.request('hello.greet', { name: 'Ada' }).catch((e) => e.error);
    expect(gone.code).toBe('NOT_FOUND');

    // Under load the reloads can finish before the hammer got going: keep it running until it has
    // made its requests, so the zero-drop check below covers real traffic.
    await eventually(() => expect(ok).toBeGreaterThan(20));
    stop = true;
    await hammer;
    const rounds = await rpc;
    expect(failures).toEqual([]);
    expect(ok).toBeGreaterThan(20);
    expect(rounds).toBeGreaterThan(5);
    for (const c of clients) {
      expect(c.closeCode).toBeUndefined();
      expect((await c.request('status')).port).toBe(gw.port);
      c.close();
    }
    const list = (await observer.request('plugins.list')).plugins;
    expect(list.find((p: any) => p.id === 'hello')).toMatchObject({
      state: 'disabled',
      enabled: false,
      methods: [],
      routes: [],
    });
    expect(list.find((p: any) => p.id === 'echo')).toMatchObject({ state: 'active', generation: 1 });
  });

  it('finishes an in-flight SSE stream on the old generation while new requests hit the new one', async () => {
    gw.writeConfig(config({ hello: { from: HELLO, config: { greeting: 'Old', streamChunks: 8, intervalMs: 120 } } }));
    await eventually(async () => expect((await get('/hello')).body.text).toBe('Old, world!'));
    const startGen = (await get('/hello')).body.generation;

    const res = await fetch(`http://127.0.0.1:${gw.port}/hello/stream`, {
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(res.headers.get('content-type')).toContain('text/event-stream');
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = '';
    const readAll = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        text += decoder.decode(value);
      }
    })();
    await eventually(() => expect(text).toContain('"chunk":1'));
    gw.writeConfig(config({ hello: { from: HELLO, config: { greeting: 'New', streamChunks: 8, intervalMs: 120 } } }));
    await eventually(async () =>
      expect((await get('/hello')).body).toEqual({ text: 'New, world!', generation: startGen + 1 }),
    );
    expect(text).not.toContain('[DONE]');
    await readAll;
    const chunks = text
      .split('\n\n')
      .filter((l) => l.startsWith('data: {'))
      .map((l) => JSON.parse(l.slice(6)));
    expect(chunks.map((c) => c.chunk)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(chunks.map((c) => c.generation))).toEqual(new Set([startGen]));
    expect(new Set(chunks.map((c) => c.text))).toEqual(new Set(['Old']));
    expect(text).toContain('data: [DONE]');
  });

  it('keeps the running config when an edit is broken, reports it, and recovers on a good edit', async () => {
    gw.writeConfig(config({ hello: { from: HELLO, config: { greeting: 'Stable' } } }));
    await eventually(async () => expect((await get('/hello')).body.text).toBe('Stable, world!'));

    const rejected = observer.waitForEvent((e) => e.event === 'config' && e.payload.status === 'rejected', 5000);
    await import('node:fs').then((fs) =>
      fs.writeFileSync(gw.configPath, '{ plugins: { entries: { hello: { from: "x" ', { mode: 0o600 }),
    );
    const event = await rejected;
    expect(event.payload.error.message).toMatch(/not valid JSON5/);
    expect((await get('/hello')).body.text).toBe('Stable, world!');
    const health = await observer.request('health');
    expect(health.configError.message).toMatch(/not valid JSON5/);
    expect((await observer.request('status')).configError.message).toMatch(/not valid JSON5/);

    const schemaRejected = observer.waitForEvent(
      (e) => e.event === 'config' && e.payload.status === 'rejected' && /greeting/.test(e.payload.error.message),
      5000,
    );
    gw.writeConfig(config({ hello: { from: HELLO, config: { greeting: 42 } } }));
    const schemaEvent = await schemaRejected;
    expect(schemaEvent.payload.error.message).toContain('plugins.entries.hello.config.greeting');
    expect((await get('/hello')).body.text).toBe('Stable, world!');

    const kernelRejected = observer.waitForEvent(
      (e) => e.event === 'config' && e.payload.status === 'rejected' && /gateway\.reload/.test(e.payload.error.message),
      5000,
    );
    gw.writeConfig({
      ...config({ hello: { from: HELLO, config: { greeting: 'Stable' } } }),
      gateway: { auth: { token: TOKEN }, reload: { mode: 'sometimes' } },
    });
    await kernelRejected;

    gw.writeConfig(config({ hello: { from: HELLO, config: { greeting: 'Fixed' } } }));
    await eventually(async () => expect((await get('/hello')).body.text).toBe('Fixed, world!'));
    expect((await observer.request('health')).configError).toBeUndefined();
  });

  it('rejects an edit that enables an incompatible plugin, and isolates a plugin whose register throws', async () => {
    const base = { hello: { from: HELLO, config: { greeting: 'Fixed' } } };
    const rejected = observer.waitForEvent(
      (e) => e.event === 'config' && e.payload.status === 'rejected' && /SDK/.test(e.payload.error.message),
      5000,
    );
    gw.writeConfig(
      config({ ...base, 'future-sdk': { from: path.join(REPO_ROOT, 'test/fixtures/plugins/future-sdk') } }),
    );
    const ev = await rejected;
    expect(ev.payload.error.message).toMatch(
      /future-sdk was written for SDK \^2\.0\.0; this gateway provides SDK 1\.0\.0/,
    );

    const versionRejected = observer.waitForEvent(
      (e) =>
        e.event === 'config' && e.payload.status === 'rejected' && /does not satisfy/.test(e.payload.error.message),
      5000,
    );
    gw.writeConfig(config({ hello: { ...base.hello, version: '^2.0.0' } }));
    expect((await versionRejected).payload.error.message).toMatch(
      /hello is version 1\.2\.0, which does not satisfy plugins\.entries\.hello\.version "\^2\.0\.0"/,
    );

    gw.writeConfig(config({ ...base, throwing: { from: path.join(REPO_ROOT, 'test/fixtures/plugins/throwing') } }));
    await eventually(async () => {
      const p = (await observer.request('plugins.list')).plugins.find((x: any) => x.id === 'throwing');
      expect(p).toMatchObject({ state: 'failed', lastError: { code: 'GW_ERR_PLUGIN_REGISTER' } });
      expect(p.lastError.message).toContain('database unreachable');
    });
    const health = await observer.request('health');
    expect(health.ok).toBe(false);
    expect(health.plugins.find((p: any) => p.id === 'throwing')).toMatchObject({
      state: 'failed',
      errorCode: 'GW_ERR_PLUGIN_REGISTER',
    });
    // Nothing of the failed generation is reachable; everything else runs.
    expect((await get('/throwing')).status).toBe(404);
    expect((await observer.request('throwing.never').catch((e) => e.error)).code).toBe('NOT_FOUND');
    expect((await get('/hello')).body.text).toBe('Fixed, world!');
    expect((await get('/echo')).status).toBe(200);

    gw.writeConfig(config(base));
    await eventually(async () => expect((await observer.request('health')).ok).toBe(true));
  });

  it('reloads on plugins.reload, dedupes idempotent calls, dependents see a reloaded service at once', async () => {
    gw.writeConfig(
      config({
        hello: { from: HELLO },
        clock: { from: CLOCK, config: { label: 'one' } },
        'clock-reader': { from: CLOCK_READER },
      }),
    );
    await eventually(async () => expect((await observer.request('clock.read')).available).toBe(true));
    const first = await observer.request('clock.read');
    expect(first.label).toBe('one');

    const reloaded = await observer.request('plugins.reload', { id: 'clock' });
    expect(reloaded.plugin.generation).toBe(first.generation + 1);
    const second = await observer.request('clock.read');
    expect(second.generation).toBe(first.generation + 1);
    expect(second.readerGeneration).toBe(first.readerGeneration);

    const undeclared = await observer.request('clock.undeclared').catch((e) => e.error);
    expect(undeclared.code).toBe('INTERNAL');

    expect((await observer.request('plugins.reload', { id: 'nope' }).catch((e) => e.error)).code).toBe('NOT_FOUND');

    const a = await observer.request('hello.count', { idempotencyKey: 'k1' });
    const again = await observer.request('hello.count', { idempotencyKey: 'k1' });
    const b = await observer.request('hello.count', { idempotencyKey: 'k2' });
    expect(again).toEqual(a);
    expect(b.greeted).toBe(a.greeted + 1);
    const missingKey = await observer.request('hello.count', {}).catch((e) => e.error);
    expect(missingKey.code).toBe('INVALID_REQUEST');
    expect(missingKey.message).toContain('idempotencyKey');

    gw.writeConfig(config({ hello: { from: HELLO }, 'clock-reader': { from: CLOCK_READER } }));
    await eventually(async () => expect((await observer.request('clock.read')).available).toBe(false));
  });
});
