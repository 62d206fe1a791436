import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';

const TOKEN = 'resolution-token-0123456789abcdef01234567';
const FIXTURES = path.join(REPO_ROOT, 'test/fixtures/plugins');
let gw: GatewayProcess;
let home: string;

beforeAll(async () => {
  home = fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-resolve-'));
  // An installed package, found by name in node_modules above the config folder.
  const pkg = path.join(home, 'node_modules', 'moltbot-plugin-shout');
  fs.mkdirSync(path.join(pkg, 'lib'), { recursive: true });
  fs.writeFileSync(
    path.join(pkg, 'package.json'),
    JSON.stringify({
      name: 'moltbot-plugin-shout',
      version: '2.0.0',
      type: 'module',
      exports: { '.': { import: './lib/main.js' } },
    }),
  );
  fs.writeFileSync(
    path.join(pkg, 'lib/main.js'),
    `import { definePlugin, Type } from 'moltbot-gateway/sdk';
export default definePlugin({ id: 'shout', version: '2.0.0', sdk: '^1.0.0',
  configSchema: Type.Object({ word: Type.String() }),
  register(app, ctx) { app.get('/shout', async () => ({ word: ctx.config.word.toUpperCase() })); } });`,
  );
  const notAPlugin = path.join(home, 'not-a-plugin.js');
  fs.writeFileSync(notAPlugin, 'export default { id: "fake" };');
  gw = await startGateway({
    home,
    token: TOKEN,
    config: {
      gateway: { auth: { token: TOKEN } },
      plugins: {
        entries: {
          shout: { from: 'moltbot-plugin-shout', version: '^2.0.0', config: { word: 'hey' } },
          echo: { from: path.join(FIXTURES, 'echo') },
          throwing: { from: path.join(FIXTURES, 'throwing') },
          'future-sdk': { from: path.join(FIXTURES, 'future-sdk') },
          missing: { from: 'moltbot-plugin-does-not-exist' },
          fake: { from: notAPlugin },
          wrongid: { from: path.join(FIXTURES, 'echo') },
          clock: { from: path.join(FIXTURES, 'clock'), config: { label: 7 } },
          nofrom: {},
        },
      },
    },
  });
});
afterAll(async () => {
  await gw?.stop();
});

describe('plugin resolution and isolation at start', () => {
  it('loads a plugin from an installed package name and from a path', async () => {
    const r = await fetch(`http://127.0.0.1:${gw.port}/shout`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await r.json()).toEqual({ word: 'HEY' });
    const echo = await fetch(`http://127.0.0.1:${gw.port}/echo`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(echo.status).toBe(200);
  });

  it('reports each broken plugin with its reason and keeps the rest running', async () => {
    const c = await gw.client({ token: TOKEN });
    const plugins = (await c.request('plugins.list')).plugins as any[];
    const byId = Object.fromEntries(plugins.map((p) => [p.id, p]));
    expect(byId.shout).toMatchObject({ state: 'active', version: '2.0.0', source: 'external', generation: 1 });
    expect(byId.shout.loadMs).toBeTypeOf('number');
    expect(byId.throwing).toMatchObject({ state: 'failed', lastError: { code: 'GW_ERR_PLUGIN_REGISTER' } });
    expect(byId['future-sdk']).toMatchObject({ state: 'failed', lastError: { code: 'GW_ERR_PLUGIN_SDK' } });
    expect(byId.missing.lastError.message).toMatch(/"moltbot-plugin-does-not-exist" is not installed/);
    expect(byId.fake.lastError.message).toMatch(/does not export a plugin/);
    expect(byId.wrongid.lastError.message).toMatch(/declares id "echo"; the key must match/);
    expect(byId.clock).toMatchObject({ state: 'failed', lastError: { code: 'GW_ERR_PLUGIN_CONFIG' } });
    expect(byId.clock.lastError.message).toContain('plugins.entries.clock.config.label');
    expect(byId.nofrom.lastError.message).toMatch(/unknown plugin id; set "from"/);
    const health = await c.request('health');
    expect(health.ok).toBe(false);
    expect(
      health.plugins
        .filter((p: any) => p.state === 'failed')
        .map((p: any) => p.id)
        .sort(),
    ).toEqual(['clock', 'fake', 'future-sdk', 'missing', 'nofrom', 'throwing', 'wrongid']);
    expect((await c.request('status')).errors.plugins).toBe(7);
    c.close();
  });
});
