import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { BUILTIN_PLUGINS } from '../catalog.js';
import plugin from './index.js';

let tg: TestGateway;
const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`http://127.0.0.1:${tg.port}${path}`, { headers, redirect: 'manual' });

beforeAll(async () => {
  tg = await startTestGateway({ plugins: [plugin] });
});
afterAll(async () => {
  await tg?.close();
});

describe('control-ui plugin lifecycle', () => {
  it('serves the shell and its assets without the bearer secret', async () => {
    const shell = await get('/');
    expect(shell.status).toBe(200);
    const html = await shell.text();
    const entry = /src="(\/assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(entry).toBeDefined();
    expect((await get(entry!)).status).toBe(200);
    expect((await get('/assets/nope.js')).status).toBe(404);
  });

  it('reloads on request and on an edit of gateway.controlUi, moving to a new base path', async () => {
    const c = await tg.client();
    const { plugin: reloaded } = await c.request('plugins.reload', { id: 'control-ui' });
    expect(reloaded.state).toBe('active');
    expect((await get('/')).status).toBe(200);
    await tg.setConfig({ gateway: { controlUi: { basePath: '/moltbot' } } });
    const shell = await get('/moltbot/');
    expect(shell.status).toBe(200);
    const html = await shell.text();
    expect(html).toContain('content="/moltbot/"');
    expect(html).toMatch(/src="\/moltbot\/assets\/app-[A-Z0-9]+\.js"/);
    expect((await get('/moltbot/chat')).status).toBe(200);
    expect((await get('/')).status).toBe(404);
    c.close();
  });

  it('redirects the base path typed without its trailing slash, keeping the query', async () => {
    const bare = await get('/moltbot');
    expect(bare.status).toBe(302);
    expect(bare.headers.get('location')).toBe('/moltbot/');
    const withQuery = await get('/moltbot?session=main&x=a%2Fb');
    expect(withQuery.status).toBe(302);
    expect(withQuery.headers.get('location')).toBe('/moltbot/?session=main&x=a%2Fb');
    // Only the bare base: a longer path is not the dashboard's.
    expect((await get('/moltbotx')).status).not.toBe(302);
    const followed = await fetch(`http://127.0.0.1:${tg.port}/moltbot?x=1`);
    expect(followed.status).toBe(200);
    expect(followed.url).toBe(`http://127.0.0.1:${tg.port}/moltbot/?x=1`);
  });

  it('refuses an invalid base path and keeps serving the old one', async () => {
    const c = await tg.client();
    const err = await c
      .request('config.patch', { patch: { gateway: { controlUi: { basePath: 'no slash' } } } })
      .catch((e: unknown) => e as { error: { code: string; message: string } });
    expect(err.error.code).toBe('INVALID_REQUEST');
    expect(err.error.message).toContain('gateway.controlUi.basePath');
    expect((await get('/moltbot/')).status).toBe(200);
    c.close();
  });

  it('is switched by gateway.controlUi.enabled (on unless false)', () => {
    const entry = BUILTIN_PLUGINS.find((p) => p.id === 'control-ui')!;
    expect(entry.configKeys).toEqual(['gateway.controlUi']);
    expect(entry.enabledByDefault({})).toBe(true);
    expect(entry.enabledByDefault({ gateway: { controlUi: { basePath: '/x/' } } })).toBe(true);
    expect(entry.enabledByDefault({ gateway: { controlUi: { enabled: false } } })).toBe(false);
  });

  it('unloads when disabled and leaves nothing behind', async () => {
    await tg.setConfig({
      gateway: { controlUi: { basePath: '/moltbot' } },
      plugins: { entries: { 'control-ui': { enabled: false } } },
    });
    expect((await get('/moltbot/')).status).toBe(404);
    expect((await get('/')).status).toBe(404);
    expect(await tg.leftovers('control-ui')).toEqual(NOTHING_LEFT);
  });
});
