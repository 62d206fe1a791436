import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin, Type } from './index.js';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from './testing.js';

let ticks = 0;
const counter = definePlugin({
  id: 'counter',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: Type.Object({ step: Type.Integer({ default: 1 }) }),
  register(app, ctx) {
    let n = 0;
    ctx.lease.interval('tick', 10, () => {
      ticks += 1;
    });
    ctx.methods.register('counter.add', {
      scope: 'operator.write',
      params: Type.Object({}),
      handler: () => ({ n: (n += ctx.config.step), generation: ctx.generation }),
    });
    app.get('/counter', async () => ({ n }));
    ctx.services.provide('counter', { value: () => n });
  },
});

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ plugins: [counter] });
});
afterAll(async () => {
  await tg?.close();
});

describe('sdk/testing: startTestGateway', () => {
  it('loads a plugin, reloads it with new config, and unloading leaves nothing behind', async () => {
    const c = await tg.client();
    expect(await c.request('counter.add')).toEqual({ n: 1, generation: 1 });
    expect(await (await tg.fetch('/counter')).json()).toEqual({ n: 1 });

    await tg.setConfig({ plugins: { entries: { counter: { config: { step: 5 } } } } });
    expect(await c.request('counter.add')).toEqual({ n: 5, generation: 2 });
    const afterReload = await tg.leftovers('counter');
    expect(afterReload.methods).toEqual(['counter.add']);
    expect(afterReload.activeLeases).toBe(0);

    await tg.setConfig({ plugins: { entries: { counter: { enabled: false } } } });
    expect((await c.request('counter.add').catch((e) => e.error)).code).toBe('NOT_FOUND');
    expect((await tg.fetch('/counter')).status).toBe(404);
    const left = await tg.leftovers('counter');
    expect(left).toEqual(NOTHING_LEFT);
    const stopped = ticks;
    await new Promise((r) => setTimeout(r, 60));
    expect(ticks).toBe(stopped);
    c.close();
  });
});
