import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';

const FILEDROP = path.join(REPO_ROOT, 'examples/02-file-drop-channel');
const TOKEN = 'filedrop-token-0123456789abcdef0123456789a';
let model: FakeModelProvider;
let gw: GatewayProcess;
let dir: string;

const config = (enabled: boolean) => ({
  gateway: { auth: { token: TOKEN, rateLimit: { maxFailures: 1000 } }, reload: { debounceMs: 50 } },
  models: {
    providers: {
      fake: { baseUrl: model.baseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'test-model' }] },
    },
  },
  agents: { defaults: { model: { primary: 'fake/test-model' } } },
  session: { dmScope: 'per-peer' },
  plugins: {
    entries: {
      filedrop: {
        from: FILEDROP,
        enabled,
        config: { inboxDir: path.join(dir, 'inbox'), outboxDir: path.join(dir, 'outbox'), pollMs: 100 },
      },
    },
  },
});

const outbox = (chat: string): string[] => {
  const d = path.join(dir, 'outbox', chat);
  return fs.existsSync(d)
    ? fs
        .readdirSync(d)
        .sort()
        .map((f) => fs.readFileSync(path.join(d, f), 'utf8'))
    : [];
};

beforeAll(async () => {
  model = await startFakeModelProvider();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'filedrop-'));
  gw = await startGateway({ token: TOKEN, config: config(true) });
});
afterAll(async () => {
  await gw?.stop();
  await model?.close();
});

describe('example 02: the file-drop channel loaded from moltbot.json', () => {
  it('takes a dropped file through the router and the agent, and writes the reply to the outbox', async () => {
    const c = await gw.client();
    await eventually(async () =>
      expect((await c.request('health')).channels.filedrop).toMatchObject({
        linked: true,
        accounts: [{ accountId: 'default', state: 'running' }],
      }),
    );
    fs.mkdirSync(path.join(dir, 'inbox', 'alice'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'inbox', 'alice', '001.txt'), 'hello from a file');
    await eventually(() => expect(outbox('alice')).toEqual(['echo: hello from a file']), 15_000);
    // The source is acknowledged (removed) only once the router stored it.
    expect(fs.readdirSync(path.join(dir, 'inbox', 'alice'))).toEqual([]);
    const req = await model.waitForRequest((r) => JSON.stringify(r.body).includes('hello from a file'));
    expect(req.api).toBe('openai');
    c.close();
  });

  it('stops polling when unloaded: a file dropped afterwards waits in the inbox', async () => {
    const c = await gw.client();
    gw.writeConfig(config(false));
    await eventually(async () => expect((await c.request('health')).channels.filedrop).toBeUndefined());
    fs.mkdirSync(path.join(dir, 'inbox', 'bob'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'inbox', 'bob', '001.txt'), 'anyone there?');
    await new Promise((r) => setTimeout(r, 600));
    expect(fs.readdirSync(path.join(dir, 'inbox', 'bob'))).toEqual(['001.txt']);
    expect(outbox('bob')).toEqual([]);
    // Enabled again, it picks the waiting message up: nothing was lost.
    gw.writeConfig(config(true));
    await eventually(() => expect(outbox('bob')).toEqual(['echo: anyone there?']), 15_000);
    c.close();
  });
});
