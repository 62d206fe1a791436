import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { type FakeModelProvider, startFakeModelProvider } from '../../test/fakes/model-provider.js';
import { startTestPages, type TestPages } from '../../test/fakes/test-pages.js';
import { freePort } from '../../test/support/free-port.js';
import { REPO_ROOT } from '../../test/support/gateway-process.js';
import agentPlugin from '../agent/index.js';
import browserPlugin from './index.js';

/** Where the screenshot of this run is kept for a person to look at. */
const SCREENSHOT_COPY = path.join(REPO_ROOT, '.tmp', 'browser-test-screenshot.png');

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

function rawStatus(port: number, pathname: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: pathname, headers }, (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
  });
}

let gw: TestGateway;
let c: GatewayClient;
let fake: FakeModelProvider;
let pages: TestPages;
const ports = { control: 0, relay: 0, cdp: 0, spare: 0 };

function config(extra: Record<string, unknown> = {}) {
  return {
    browser: {
      controlUrl: `http://127.0.0.1:${ports.control}`,
      relayPort: ports.relay,
      executablePath: '/usr/bin/chromium',
      headless: true,
      noSandbox: true,
      profiles: { clawd: { cdpPort: ports.cdp } },
      cdpPortRange: { start: ports.spare, end: ports.spare },
      // Exactly the test site: everything else on 127.0.0.1 (the gateway) stays refused.
      allowedHosts: [`127.0.0.1:${pages.port}`],
      ...extra,
    },
    models: {
      providers: {
        fake: { baseUrl: fake.baseUrl, apiKey: 'test-key', api: 'openai-completions', models: [{ id: 'test-model' }] },
      },
    },
    agents: { defaults: { model: { primary: 'fake/test-model' } } },
  };
}

const browser = (action: string, args: Record<string, unknown> = {}, profile?: string) =>
  c.request('browser.request', { action, args, ...(profile ? { profile } : {}) }, { timeoutMs: 30_000 });

beforeAll(async () => {
  fake = await startFakeModelProvider();
  pages = await startTestPages();
  for (const k of Object.keys(ports) as Array<keyof typeof ports>) ports[k] = await freePort();
  gw = await startTestGateway({ plugins: [agentPlugin, browserPlugin], config: config() });
  c = await gw.client();
}, 60_000);

afterAll(async () => {
  c?.close();
  await gw?.close();
  await pages?.close();
  await fake?.close();
});

describe('browser control: the managed clawd profile on Debian Chromium', () => {
  let refs: { button: string; name: string; fruit: string };

  it('starts Chromium with its own user-data dir and CDP port', async () => {
    expect(await browser('status')).toMatchObject({ profile: 'clawd', running: false, cdpPort: ports.cdp });
    const started = await browser('start');
    expect(started).toMatchObject({ ok: true, running: true, cdpReady: true, cdpPort: ports.cdp });
    expect(started.pid).toBeGreaterThan(0);
    expect(started.userDataDir).toBe(path.join(gw.stateDir, 'browser', 'clawd', 'user-data'));
    expect(fs.existsSync(started.userDataDir)).toBe(true);
  }, 60_000);

  it('opens a page from a local test server; the snapshot has its text and element refs', async () => {
    const opened = await browser('open', { url: pages.url('/') });
    expect(opened).toMatchObject({ ok: true, url: pages.url('/'), title: 'Test page' });
    const snap = await browser('snapshot');
    expect(snap.snapshot).toContain('Hello from the test page');
    expect(snap.snapshot).toContain('Not clicked yet');
    const ref = (pattern: RegExp) => pattern.exec(snap.snapshot)?.[1] ?? '';
    refs = {
      button: ref(/button "Count" \[ref=(e\d+)\]/),
      name: ref(/textbox "Your name" \[ref=(e\d+)\]/),
      fruit: ref(/combobox "Fruit" \[ref=(e\d+)\]/),
    };
    expect(refs.button).toMatch(/^e\d+$/);
    expect(refs.name).toMatch(/^e\d+$/);
    expect(refs.fruit).toMatch(/^e\d+$/);
    const tabs = await browser('tabs');
    expect(tabs.running).toBe(true);
    expect(tabs.tabs.find((t: any) => t.active)).toMatchObject({ targetId: opened.targetId, url: pages.url('/') });
  });

  it('click, type and select by ref change the page; refs stay the same across snapshots', async () => {
    await browser('click', { ref: refs.button });
    await browser('type', { ref: refs.name, text: 'Ada' });
    await browser('select', { ref: refs.fruit, values: ['pear'] });
    const snap = await browser('snapshot');
    expect(snap.snapshot).toContain('Clicked 1 time');
    expect(snap.snapshot).toContain('Hi Ada');
    expect(snap.snapshot).toContain('Picked pear');
    expect(snap.snapshot).toContain(`button "Count" [ref=${refs.button}]`);
    const missing = await browser('click', { ref: 'e9999' }).catch((e) => e.error);
    expect(missing).toMatchObject({ code: 'NOT_FOUND' });
    expect(missing.message).toMatch(/take a new snapshot/);
  });

  it('screenshot is a valid PNG file under <state>/media/browser', async () => {
    const shot = await browser('screenshot', { inline: true });
    expect(shot.path.startsWith(path.join(gw.stateDir, 'media', 'browser'))).toBe(true);
    const bytes = fs.readFileSync(shot.path);
    expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
    expect(bytes.subarray(12, 16).toString('latin1')).toBe('IHDR');
    expect(bytes.readUInt32BE(16)).toBeGreaterThan(100);
    expect(Buffer.from(shot.data, 'base64').equals(bytes)).toBe(true);
    fs.mkdirSync(path.dirname(SCREENSHOT_COPY), { recursive: true });
    fs.copyFileSync(shot.path, SCREENSHOT_COPY);
    const pdf = await browser('pdf');
    expect(fs.readFileSync(pdf.path).subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it("refuses file:, chrome: and the gateway's own port, also through a redirect", async () => {
    for (const url of ['file:///etc/passwd', 'chrome://settings', `http://127.0.0.1:${gw.port}/`]) {
      const err = await browser('navigate', { url }).catch((e) => e.error);
      expect(err, url).toMatchObject({ code: 'FORBIDDEN' });
    }
    const before = pages.hits.length;
    const err = await browser('navigate', { url: pages.url(`/redirect?to=http://127.0.0.1:${gw.port}/health`) }).catch(
      (e) => e.error,
    );
    expect(err).toMatchObject({ code: 'FORBIDDEN' });
    expect(pages.hits.slice(before)).toEqual(['/redirect']);
    const tabs = await browser('tabs');
    expect(tabs.tabs.find((t: any) => t.active).url).not.toContain(String(gw.port));
  });

  it("even with the whole of 127.0.0.1 allowed, the gateway's port stays refused", async () => {
    await gw.setConfig(config({ allowedHosts: ['127.0.0.1'] }));
    const err = await browser('open', { url: `http://127.0.0.1:${gw.port}/` }).catch((e) => e.error);
    expect(err.message).toMatch(/gateway's own ports/);
    await gw.setConfig(config());
  }, 60_000);

  it('the agent tool browser, in a scripted model turn', async () => {
    await browser('open', { url: pages.url('/') });
    fake.script([
      { toolCalls: [{ name: 'browser', arguments: { action: 'snapshot' } }] },
      { text: 'The page greets you.' },
    ]);
    const final = await c.request(
      'agent',
      { message: 'what does the page say?', idempotencyKey: `browser-${Date.now()}` },
      { onAccepted: () => undefined, timeoutMs: 30_000 },
    );
    expect(final.summary).toBe('The page greets you.');
    const second = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    const toolMsg = second.body.messages.find((m: any) => m.role === 'tool');
    expect(JSON.parse(toolMsg.content).snapshot).toContain('Hello from the test page');
  });

  it('stop frees the CDP port', async () => {
    expect(await browser('stop')).toMatchObject({ ok: true, stopped: true });
    expect(await connectRefused(ports.cdp)).toBe(true);
    expect(await browser('status')).toMatchObject({ running: false, process: { state: 'stopped' } });
  });

  it('a crash shows in status and is not restarted', async () => {
    const started = await browser('start');
    process.kill(started.pid, 'SIGKILL');
    let status: any;
    for (let i = 0; i < 50; i++) {
      status = await browser('status');
      if (status.process.state === 'crashed') break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(status.process).toMatchObject({ state: 'crashed', signal: 'SIGKILL' });
    await new Promise((r) => setTimeout(r, 500));
    expect((await browser('status')).process.state).toBe('crashed');
    expect(await connectRefused(ports.cdp)).toBe(true);
  }, 60_000);
});

describe('browser control service (HTTP, loopback)', () => {
  it('answers with the gateway secret only, and refuses a rebinding Host', async () => {
    const url = `http://127.0.0.1:${ports.control}/`;
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { headers: { authorization: 'Bearer wrong-token' } })).status).toBe(401);
    const ok = await fetch(`${url}?profile=clawd`, { headers: { authorization: `Bearer ${gw.token}` } });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ profile: 'clawd', cdpPort: ports.cdp });
    expect(await rawStatus(ports.control, '/', { host: 'evil.example', authorization: `Bearer ${gw.token}` })).toBe(
      403,
    );
    const blocked = await fetch(`${url}navigate`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'file:///etc/passwd' }),
    });
    expect(blocked.status).toBe(403);
    const body = await blocked.json();
    expect(body.error.message).toMatch(/file: URLs are not allowed/);
    // Through the kernel's one refusal path: the gateway body with the plugin's own code.
    expect(body.error).toMatchObject({
      code: 'FORBIDDEN',
      type: 'forbidden',
      details: { errorCode: 'GW_ERR_BROWSER_NAVIGATION_BLOCKED' },
    });
  });
});

describe('browser profiles', () => {
  it('create-profile allocates a CDP port from the range and keeps it; delete-profile forgets it', async () => {
    const created = await browser('create-profile', { name: 'work', color: '#123456' });
    expect(created.profile).toMatchObject({ name: 'work', cdpPort: ports.spare, source: 'created', color: '#123456' });
    const full = await browser('create-profile', { name: 'more' }).catch((e) => e.error);
    expect(full.message).toMatch(/no free CDP port/);
    const list = await browser('profiles');
    expect(list.profiles.map((p: any) => p.name)).toEqual(['chrome', 'clawd', 'work']);
    expect(list.profiles.find((p: any) => p.name === 'chrome')).toMatchObject({
      driver: 'extension',
      cdpPort: ports.relay,
    });
    await gw.setConfig(config({ color: '#654321' }));
    expect((await browser('profiles')).profiles.find((p: any) => p.name === 'work').cdpPort).toBe(ports.spare);
    expect(await browser('delete-profile', { name: 'work' })).toMatchObject({ ok: true, deleted: 'work' });
    const builtIn = await browser('delete-profile', { name: 'clawd' }).catch((e) => e.error);
    expect(builtIn.message).toMatch(/moltbot.json|built in/);
  }, 60_000);
});

describe('browser plugin lifecycle', () => {
  it('unload closes the control and relay ports and leaves nothing behind', async () => {
    await gw.setConfig({ ...config(), plugins: { entries: { browser: { enabled: false } } } });
    expect(await connectRefused(ports.control)).toBe(true);
    expect(await connectRefused(ports.relay)).toBe(true);
    const left = await gw.leftovers('browser');
    expect(left).toMatchObject({ methods: [], tools: [], listeners: [], undisposedEffects: 0, activeLeases: 0 });
  }, 60_000);
});
