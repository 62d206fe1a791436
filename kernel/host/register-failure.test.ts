import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defineErrors, definePlugin, Type } from '../../sdk/index.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';

const errors = defineErrors({ GW_ERR_PICKY_BACKEND: { wire: 'UNAVAILABLE', status: 503 } });

/** Refuses to register with its own coded error while `broken` is set. */
const picky = definePlugin({
  id: 'picky',
  version: '1.0.0',
  sdk: '^1.0.0',
  configSchema: Type.Object({ broken: Type.Boolean({ default: true }) }),
  register(_app, ctx) {
    if (ctx.config.broken) throw errors.create('GW_ERR_PICKY_BACKEND', 'backend at 127.0.0.1:9 refused');
    ctx.methods.register('picky.ping', { scope: 'operator.read', params: Type.Object({}), handler: () => 'pong' });
  },
});

let tg: TestGateway;
beforeAll(async () => {
  tg = await startTestGateway({ plugins: [picky] });
});
afterAll(async () => {
  await tg?.close();
});

describe('a plugin whose register throws its own coded error', () => {
  it('is reported as GW_ERR_PLUGIN_REGISTER with the plugin’s code kept in message and pluginErrorCode', async () => {
    const c = await tg.client();
    const { plugins } = (await c.request('plugins.list')) as { plugins: Array<Record<string, any>> };
    expect(plugins.find((p) => p.id === 'picky')).toMatchObject({
      state: 'failed',
      lastError: {
        code: 'GW_ERR_PLUGIN_REGISTER',
        pluginErrorCode: 'GW_ERR_PICKY_BACKEND',
        message: 'plugin picky: register failed: GW_ERR_PICKY_BACKEND: backend at 127.0.0.1:9 refused',
      },
    });
    const err = await c.request('plugins.reload', { id: 'picky' }).catch((e) => e.error);
    expect(err).toMatchObject({
      message: expect.stringContaining('GW_ERR_PICKY_BACKEND'),
      details: { errorCode: 'GW_ERR_PLUGIN_REGISTER', pluginErrorCode: 'GW_ERR_PICKY_BACKEND' },
    });
    await tg.setConfig({ plugins: { entries: { picky: { config: { broken: false } } } } });
    expect(await c.request('picky.ping')).toBe('pong');
    c.close();
  });
});
