import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Disposer, definePlugin, type PluginContext, Type } from '../../sdk/index.js';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { KIND, REGISTRATION_KINDS } from './registrations.js';

const tool = (name: string) => ({
  name,
  description: `${name} tool`,
  parameters: Type.Object({}),
  execute: () => ({ ok: true }),
});

let lateCtx: PluginContext<unknown> | undefined;

/** One registration of every kind (routes through its Fastify instance). */
const everything = definePlugin({
  id: 'everything',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: Type.Object({ n: Type.Integer({ default: 1 }) }),
  register(app, ctx) {
    lateCtx = ctx as PluginContext<unknown>;
    ctx.methods.register('everything.ping', { scope: 'operator.read', params: Type.Object({}), handler: () => 'pong' });
    ctx.events.declare('shared.event');
    ctx.services.provide('everything', { n: () => ctx.config.n });
    ctx.tools.register(tool('everything_tool'));
    ctx.channels.register({
      id: 'everything',
      label: 'Everything',
      capabilities: { textLimit: 100, media: false, groups: false, typing: false, reactions: false },
      status: () => ({ linked: true, accounts: [] }),
      send: async () => ({}),
    });
    ctx.commands.register({ name: 'ping', description: 'Answer pong', handler: () => 'pong' });
    ctx.health.report('everything', () => ({ n: ctx.config.n }));
    ctx.status.section('everything.n', () => ctx.config.n);
    app.get('/everything', async () => ({ n: ctx.config.n }));
  },
});

/** Shares an event name with `everything`; wants a command name `everything` holds. */
const rival = definePlugin({
  id: 'rival',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: Type.Object({ clash: Type.Boolean({ default: false }) }),
  register(_app, ctx) {
    ctx.events.declare('shared.event');
    if (ctx.config.clash) ctx.commands.register({ name: 'ping', description: 'Mine', handler: () => 'mine' });
  },
});

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ plugins: [everything, rival] });
});
afterAll(async () => {
  await tg?.close();
});

const pluginStatus = async (id: string) => {
  const c = await tg.client();
  try {
    const { plugins } = (await c.request('plugins.list')) as { plugins: Array<Record<string, any>> };
    return plugins.find((p) => p.id === id)!;
  } finally {
    c.close();
  }
};

describe('registration kinds', () => {
  it('are one list whose keys are the kinds’ names', () => {
    expect(REGISTRATION_KINDS.map((k) => k.name)).toEqual(Object.keys(KIND));
  });

  it('every kind shows in plugins.list, health, status and the lookups', async () => {
    const p = await pluginStatus('everything');
    expect(p).toMatchObject({
      state: 'active',
      methods: ['everything.ping'],
      events: ['shared.event'],
      services: ['everything'],
      tools: ['everything_tool'],
      channels: ['everything'],
      commands: ['ping'],
      healthReports: ['everything'],
      statusSections: ['everything.n'],
      routes: ['GET /everything'],
    });
    const c = await tg.client();
    expect((await c.request('health')).everything).toEqual({ n: 1 });
    expect((await c.request('status')).everything).toEqual({ n: 1 });
    expect(c.hello.features.events).toContain('shared.event');
    c.close();
    expect(lateCtx!.commands.get('/PING')?.name).toBe('ping');
    expect(lateCtx!.commands.list().map((x) => x.name)).toEqual(['ping']);
  });

  it('a disposer undoes its registration at once, once; registering late goes live at once', async () => {
    const ctx = lateCtx!;
    const off: Disposer = ctx.tools.register(tool('late_tool'));
    expect(ctx.tools.get('late_tool')).toBeDefined();
    expect((await pluginStatus('everything')).tools).toEqual(['everything_tool', 'late_tool']);
    off();
    off();
    expect(ctx.tools.get('late_tool')).toBeUndefined();
    expect((await pluginStatus('everything')).tools).toEqual(['everything_tool']);
    const offSection = ctx.status.section('lateSection', () => 'here');
    const c = await tg.client();
    expect((await c.request('status')).lateSection).toBe('here');
    offSection();
    expect((await c.request('status')).lateSection).toBeUndefined();
    c.close();
  });

  it('refuses malformed entries and the kernel’s own health/status keys', () => {
    const ctx = lateCtx!;
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (err) {
        return (err as { code?: string }).code;
      }
      return 'no error';
    };
    expect(code(() => ctx.commands.register({ name: '/Ping', description: 'x', handler: () => '' }))).toBe(
      'GW_ERR_REGISTRATION_INVALID',
    );
    expect(code(() => ctx.commands.register({ name: 'nodesc', description: '', handler: () => '' }))).toBe(
      'GW_ERR_REGISTRATION_INVALID',
    );
    expect(code(() => ctx.health.report('ok', () => false))).toBe('GW_ERR_REGISTRATION_INVALID');
    expect(code(() => ctx.status.section('errors.plugins', () => 0))).toBe('GW_ERR_REGISTRATION_INVALID');
    expect(code(() => ctx.status.section('errors', () => ({})))).toBe('GW_ERR_REGISTRATION_INVALID');
    expect(code(() => ctx.methods.register('everything.ping', everythingPing()))).toBe('GW_ERR_METHOD_DUPLICATE');
  });

  it('a clash with another plugin fails that plugin’s load, naming the kind; the holder keeps running', async () => {
    await tg.setConfig({ plugins: { entries: { rival: { config: { clash: true } } } } });
    const p = await pluginStatus('rival');
    expect(p.lastError).toMatchObject({ code: 'GW_ERR_PLUGIN_ROUTE_CONFLICT' });
    expect(p.lastError.message).toContain('chat command /ping (from plugin everything) already registered');
    expect(lateCtx!.commands.get('ping')?.description).toBe('Answer pong');
    await tg.setConfig({ plugins: { entries: { rival: { config: { clash: false } } } } });
    expect((await pluginStatus('rival')).state).toBe('active');
  });

  it('event names are shared: unloading one declarer keeps the name while another declares it', async () => {
    await tg.setConfig({ plugins: { entries: { rival: { enabled: false } } } });
    const c = await tg.client();
    expect(c.hello.features.events).toContain('shared.event');
    c.close();
    expect(await tg.leftovers('rival')).toEqual(NOTHING_LEFT);
  });

  it('a reload keeps only the new generation’s entries; an unload leaves nothing of any kind', async () => {
    await tg.setConfig({ plugins: { entries: { rival: { enabled: false }, everything: { config: { n: 2 } } } } });
    const afterReload = await tg.leftovers('everything');
    expect(afterReload.commands).toEqual(['ping']);
    expect(afterReload.undisposedEffects).toBe(0);
    const c = await tg.client();
    expect((await c.request('health')).everything).toEqual({ n: 2 });
    c.close();

    await tg.setConfig({ plugins: { entries: { rival: { enabled: false }, everything: { enabled: false } } } });
    const left = await tg.leftovers('everything');
    expect(left).toEqual(NOTHING_LEFT);
    for (const kind of REGISTRATION_KINDS) expect(left[kind.name as keyof typeof KIND], kind.name).toEqual([]);
    const c2 = await tg.client();
    expect(c2.hello.features.events).not.toContain('shared.event');
    expect((await c2.request('health')).everything).toBeUndefined();
    expect((await c2.request('status')).everything).toBeUndefined();
    c2.close();
  });
});

function everythingPing() {
  return { scope: 'operator.read' as const, params: Type.Object({}), handler: () => 'again' };
}
