import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { BUILTIN_PLUGINS } from '../catalog.js';
import hooks from './index.js';

const TOKEN = 'lifecycle-hook-token-0123456789';
let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ plugins: [hooks], config: { hooks: { enabled: true, token: TOKEN } } });
});
afterAll(async () => {
  await tg?.close();
});

const hook = (route: string, body: unknown) =>
  fetch(`http://127.0.0.1:${tg.port}${route}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });

describe('hooks plugin lifecycle', () => {
  it('is off unless hooks.enabled is true', () => {
    const entry = BUILTIN_PLUGINS.find((b) => b.id === 'hooks')!;
    expect(entry.enabledByDefault({})).toBe(false);
    expect(entry.enabledByDefault({ hooks: { token: TOKEN } })).toBe(false);
    expect(entry.enabledByDefault({ hooks: { enabled: true, token: TOKEN } })).toBe(true);
  });

  it('loads, reloads with a new path, and unloading leaves no route behind', async () => {
    const routes = (await tg.leftovers('hooks')).routes;
    expect(routes).toEqual(expect.arrayContaining(['POST /hooks/wake', 'POST /hooks/agent', 'POST /hooks/:name']));
    // Alone, without the agent plugin: a wake cannot be taken, an agent run is stored and waits.
    expect((await hook('/hooks/wake', { text: 'x' })).status).toBe(503);
    expect((await hook('/hooks/agent', { message: 'waits for the agent' })).status).toBe(202);

    await tg.setConfig({ hooks: { enabled: true, token: TOKEN, path: '/incoming' } });
    const after = await tg.leftovers('hooks');
    expect(after.routes).toEqual(expect.arrayContaining(['POST /incoming/agent']));
    expect(after.routes.some((r) => r.includes('/hooks/'))).toBe(false);
    expect(after.activeLeases).toBe(0);
    expect((await hook('/incoming/agent', { message: 'again' })).status).toBe(202);
    expect((await hook('/hooks/agent', { message: 'old path' })).status).toBe(404);

    await tg.setConfig({ hooks: { enabled: true, token: TOKEN }, plugins: { entries: { hooks: { enabled: false } } } });
    expect(await tg.leftovers('hooks')).toEqual(NOTHING_LEFT);
    expect((await hook('/incoming/agent', { message: 'gone' })).status).toBe(404);
  });

  it('refuses to load when hooks.token is the gateway token, and keeps the running generation', async () => {
    await tg.setConfig({ hooks: { enabled: true, token: TOKEN } });
    expect((await hook('/hooks/agent', { message: 'on' })).status).toBe(202);
    await tg.setConfig({ hooks: { enabled: true, token: tg.token } });
    const c = await tg.client();
    const status = (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'hooks');
    c.close();
    expect(status.state).toBe('active');
    expect(status.lastError.message).toContain('hooks.token must not be the gateway token');
    // The gateway's own token opens nothing here.
    const res = await fetch(`http://127.0.0.1:${tg.port}/hooks/agent`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tg.token}`, 'content-type': 'application/json' },
      body: '{"message":"x"}',
    });
    expect(res.status).toBe(401);
  });
});
