import fs from 'node:fs';
import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import {
  DESKTOP,
  expectAccessible,
  focusedElement,
  goToPage,
  launchBrowser,
  newPage,
  openSignedIn,
  PHONE,
  screenshot,
  statusText,
  waitForConnected,
} from './ui-browser.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let browser: Browser;
let base: string;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  [gw, browser] = await Promise.all([
    startGateway({
      env: FAKE_KEY_ENV,
      config: { ...agentConfig(fake), gateway: { reload: { debounceMs: 50 } } },
    }),
    launchBrowser(),
  ]);
  base = `http://127.0.0.1:${gw.port}`;
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await gw?.stop();
  await fake?.close();
});

describe('dashboard over HTTP', () => {
  it('serves the shell at / with no-cache, a strict CSP and the other security headers', async () => {
    const res = await fetch(`${base}/`, { headers: { 'accept-encoding': 'br' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const csp = res.headers.get('content-security-policy')!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain(`connect-src ws://127.0.0.1:${gw.port} wss://127.0.0.1:${gw.port}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    // Page paths answer with the same shell (the app routes on the client); unknown paths stay 404 JSON.
    expect((await fetch(`${base}/config`)).status).toBe(200);
    const unknown = await fetch(`${base}/no/such/page`);
    expect(unknown.status).toBe(404);
    expect((await unknown.json()).error.code).toBe('NOT_FOUND');
  });

  it('serves hashed assets with a long cache, precompressed brotli and gzip, and 304 for the shell', async () => {
    const html = await (await fetch(`${base}/`)).text();
    const script = /src="(\/assets\/app-[A-Z0-9]+\.js)"/.exec(html)?.[1];
    expect(script).toBeDefined();
    const br = await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'br' } });
    expect(br.status).toBe(200);
    expect(br.headers.get('cache-control')).toMatch(/max-age=31536000.*immutable|immutable.*max-age=31536000/);
    expect(br.headers.get('content-type')).toMatch(/javascript/);
    expect(br.headers.get('x-content-type-options')).toBe('nosniff');
    const plain = await (await fetch(`${base}${script}`, { headers: { 'accept-encoding': 'identity' } })).text();
    // fetch() decodes the body; the raw bytes must be what the header says.
    const raw = await new Promise<Buffer>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${base}${script}`, { headers: { 'accept-encoding': 'gzip' } }, (r) => {
          expect(r.headers['content-encoding']).toBe('gzip');
          const chunks: Buffer[] = [];
          r.on('data', (c) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
        }).on('error', reject),
      );
    });
    expect(zlib.gunzipSync(raw).toString()).toBe(plain);
    const first = await fetch(`${base}/`);
    const again = await fetch(`${base}/`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('keeps the Host check: a foreign Host gets 403, not the dashboard', async () => {
    const status = await new Promise<number>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get({ host: '127.0.0.1', port: gw.port, path: '/', headers: { host: 'rebind.example' } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        }).on('error', reject),
      );
    });
    expect(status).toBe(403);
  });
});

describe('dashboard in Chromium', () => {
  let page: Page;
  let problems: string[];

  beforeAll(async () => {
    ({ page, problems } = await newPage(browser));
  });

  it('opens /#token=… → Connected, and the token is gone from the address bar', async () => {
    await openSignedIn(page, gw.port, gw.token);
    expect(page.url()).toBe(`${base}/`);
    expect(await page.evaluate(() => sessionStorage.getItem('moltbot.gateway.token'))).toBe(gw.token);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Main' });
    for (const name of ['Overview', 'Chat', 'Channels', 'Sessions', 'Cron', 'Config', 'Plugins', 'Logs'])
      await expect.poll(() => nav.getByRole('link', { name, exact: true }).count()).toBe(1);
    // Reloading the tab keeps the session (sessionStorage), with no token in the URL.
    await page.reload();
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('Connected');
    expect(problems).toEqual([]);
  });

  it('overview: presence is live (a client that connects appears, and leaves again)', async () => {
    await goToPage(page, 'Overview');
    const presence = page.getByRole('region', { name: /Presence/ });
    expect(await presence.textContent()).not.toContain('Kitchen tablet');
    const c = await gw.client({ displayName: 'Kitchen tablet', instanceId: 'kitchen-1' });
    await expect.poll(() => presence.textContent(), { timeout: 10_000 }).toContain('Kitchen tablet');
    c.close();
    await expect.poll(() => presence.textContent(), { timeout: 10_000 }).not.toContain('Kitchen tablet');
  });

  it('every page: axe finds nothing serious, screenshots at 1280×800 and 390×844', async () => {
    for (const name of ['Overview', 'Chat', 'Channels', 'Sessions', 'Cron', 'Config', 'Plugins', 'Logs']) {
      await page.setViewportSize(DESKTOP);
      await goToPage(page, name);
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, name);
      await screenshot(page, name.toLowerCase());
      await page.setViewportSize(PHONE);
      await expectAccessible(page, `${name} (phone)`);
      await screenshot(page, name.toLowerCase());
    }
    await page.setViewportSize(DESKTOP);
    expect(problems).toEqual([]);
  });

  it('logs: the live tail shows a new line; filter, download, pause and resume', async () => {
    await goToPage(page, 'Logs');
    const c = await gw.client();
    const marker = `marker-${Date.now()}.example`;
    // A request with a foreign Host is refused and logged with that Host: a line we can look for.
    await new Promise<void>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get({ host: '127.0.0.1', port: gw.port, path: '/', headers: { host: marker } }, (r) => {
          r.resume();
          r.on('end', () => resolve());
        }).on('error', reject),
      );
    });
    const view = page.getByLabel('Log lines');
    await expect.poll(() => view.textContent(), { timeout: 10_000 }).toContain(marker);
    await page.getByLabel('Filter').fill(marker);
    await expect.poll(() => view.locator('.log-line').count()).toBe(1);
    // Download: the lines shown, as JSON lines.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Download' }).click(),
    ]);
    const file = await download.path();
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0]!).host).toBe(marker);
    await page.getByLabel('Filter').fill('');
    // Paused, the view stays as it is; resumed, it catches up.
    await page.getByRole('button', { name: 'Pause' }).click();
    const shown = await view.locator('.log-line').count();
    await c.request('plugins.reload', { id: 'tools-invoke' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await view.locator('.log-line').count()).toBe(shown);
    await page.getByRole('button', { name: 'Resume' }).click();
    await expect.poll(() => view.locator('.log-line').count(), { timeout: 10_000 }).toBeGreaterThan(shown);
    c.close();
  });

  it('plugins: the reload button builds a new generation', async () => {
    await goToPage(page, 'Plugins');
    const row = page.locator('tr[data-plugin="tools-invoke"]');
    const before = Number((await row.locator('td[data-label="Generation"]').textContent())!.trim().split(/\s/)[0]);
    await page.getByRole('button', { name: 'Reload tools-invoke' }).click();
    await page.getByText(`Reloaded tools-invoke: generation ${before + 1} is active`).waitFor();
    await expect
      .poll(async () => Number((await row.locator('td[data-label="Generation"]').textContent())!.trim().split(/\s/)[0]))
      .toBe(before + 1);
  });

  it('config form: edit a safe key, review the diff and plan, apply, see the reload result', async () => {
    await goToPage(page, 'Config');
    await page.locator('summary', { hasText: 'gateway' }).first().click();
    const field = page.getByLabel('gateway.http.toolsInvoke.maxBodyBytes', { exact: true });
    await field.fill('1048576');
    await field.blur();
    await page.getByRole('button', { name: 'Review changes' }).click();
    const review = page.getByRole('region', { name: /Review: 1 change/ });
    await review.waitFor();
    expect(await review.textContent()).toContain('gateway.http.toolsInvoke.maxBodyBytes');
    expect(await review.textContent()).toMatch(/plugin reload\s*tools-invoke/);
    // Nothing is written by the review.
    expect(gw.readConfig().gateway.http?.toolsInvoke?.maxBodyBytes).toBeUndefined();
    await review.getByRole('button', { name: 'Apply' }).click();
    const outcome = page.getByRole('region', { name: 'Applied' });
    await outcome.waitFor();
    expect(await outcome.textContent()).toMatch(/plugin reloaded\s*tools-invoke\s*— now active, generation \d+/);
    expect(gw.readConfig().gateway.http.toolsInvoke.maxBodyBytes).toBe(1048576);
    await page.locator('summary', { hasText: 'gateway' }).first().click();
    await outcome.scrollIntoViewIfNeeded();
    await screenshot(page, 'config-applied', { fullPage: false });
  });

  it('config raw: an invalid edit shows its path and message, and the running config stays', async () => {
    const c = await gw.client();
    const before = await c.request('config.get');
    await page.getByRole('button', { name: 'Raw JSON5' }).click();
    const editor = page.getByLabel('Raw config (JSON5)');
    const text = await editor.inputValue();
    await editor.fill(text.replace(/"gateway": \{/, '"gateway": {\n    "port": "not-a-port",'));
    await page.getByRole('button', { name: 'Review changes' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'The gateway refused this edit' });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('gateway.port');
    expect(await alert.textContent()).toMatch(/must be integer/);
    await screenshot(page, 'config-rejected');
    const after = await c.request('config.get');
    expect(after.hash).toBe(before.hash);
    expect(gw.readConfig().gateway.port).toBeUndefined();
    c.close();
    await page.getByRole('button', { name: 'Discard' }).click();
  });

  it('a page whose plugin is not loaded says which plugin it needs (Nodes with the nodes plugin off)', async () => {
    const config = gw.readConfig();
    gw.writeConfig({ ...config, plugins: { entries: { nodes: { enabled: false } } } });
    const c = await gw.client();
    await expect
      .poll(async () => (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'nodes').state, {
        timeout: 15_000,
      })
      .toBe('disabled');
    await page.goto(`${base}/nodes`);
    await waitForConnected(page);
    await page.getByRole('heading', { level: 1, name: 'Nodes' }).waitFor();
    expect(await page.locator('main').textContent()).toContain('node.list');
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Nodes' }).count()).toBe(0);
    gw.writeConfig(config);
    await expect
      .poll(async () => (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'nodes').state, {
        timeout: 15_000,
      })
      .toBe('active');
    c.close();
    await goToPage(page, 'Overview');
  });

  it('every control is reachable by keyboard and shows a focus ring', async () => {
    await goToPage(page, 'Overview');
    // A fresh load puts the keyboard at the start of the document.
    await page.reload();
    await waitForConnected(page);
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 30; i++) {
      await page.keyboard.press('Tab');
      const f = await focusedElement(page);
      if (f === null) break; // past the last control
      expect(f.outline, `focus ring on ${f.tag} "${f.text}"`).toMatch(/^solid [1-9]/);
      seen.push(f.text);
    }
    for (const name of ['Skip to content', 'Moltbot', 'Sign out', 'Overview', 'Chat', 'Config', 'Logs', 'All plugins'])
      expect(seen).toContain(name);
  });

  it('reconnects by itself after a gateway restart, with the state shown meanwhile', async () => {
    const c = await gw.client();
    const states = page.evaluate(
      () =>
        new Promise<string[]>((resolve) => {
          const seen: string[] = [];
          const el = document.querySelector('[role="status"]')!;
          new MutationObserver(() => {
            seen.push(el.textContent ?? '');
            if (el.textContent === 'Connected') resolve(seen);
          }).observe(el, { childList: true, characterData: true, subtree: true });
        }),
    );
    await c.request('gateway.restart', { reason: 'ui test' });
    c.close();
    const seen = await states;
    expect(seen.some((s) => s.startsWith('Reconnecting'))).toBe(true);
    expect(await statusText(page)).toBe('Connected');
  });
});

describe('signing in', () => {
  it('a wrong token gets a clear message and the login form', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${base}/#token=not-the-right-token`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/not this gateway's.*moltbot dashboard/s);
    expect(page.url()).toBe(`${base}/`);
    await expect.poll(() => page.getByRole('textbox', { name: 'Gateway token' }).count()).toBe(1);
    await expectAccessible(page, 'login with error');
    await screenshot(page, 'login-error');
    // Typing the right one connects.
    await page.getByRole('textbox', { name: 'Gateway token' }).fill(gw.token);
    await page.getByRole('button', { name: 'Connect' }).click();
    await expect.poll(() => statusText(page), { timeout: 15_000 }).toBe('Connected');
    await context.close();
  });

  it('never reads a token from the query string; without one it shows how to get it', async () => {
    const { context, page } = await newPage(browser);
    await page.goto(`${base}/?token=${gw.token}`);
    await page.getByRole('button', { name: 'Connect' }).waitFor();
    expect(await statusText(page)).toBeNull();
    expect(await page.textContent('body')).toContain('moltbot dashboard');
    await page.setViewportSize(PHONE);
    await screenshot(page, 'login');
    await page.setViewportSize(DESKTOP);
    await expectAccessible(page, 'login');
    await screenshot(page, 'login');
    await context.close();
  });

  it('signs the challenge with a WebCrypto device key and comes back with its device token', async () => {
    const { context, page } = await newPage(browser);
    await openSignedIn(page, gw.port, gw.token);
    const c = await gw.client();
    const { paired } = await c.request('device.pair.list');
    const mine = paired.filter((d: any) => d.clientId === 'moltbot-control-ui');
    expect(mine.length).toBeGreaterThan(0);
    // A new tab has no token in sessionStorage: the stored device token signs it in.
    const second = await context.newPage();
    await second.goto(`${base}/`);
    await expect.poll(() => statusText(second), { timeout: 15_000 }).toBe('Connected');
    // Sign out forgets (and revokes) it: the next tab asks for the token.
    await second.getByRole('button', { name: 'Sign out' }).click();
    await second.getByRole('button', { name: 'Connect' }).waitFor();
    const third = await context.newPage();
    await third.goto(`${base}/`);
    await third.getByRole('button', { name: 'Connect' }).waitFor();
    c.close();
    await context.close();
    // Three pages each signing a challenge: over 30 s twice under the full suite on 2 busy cores.
  }, 90_000);
});

describe('password mode', () => {
  it('signs in with the password, and stores it nowhere', async () => {
    const password = 'correct horse battery staple 42';
    const pgw = await startGateway({ config: { gateway: { auth: { mode: 'password', password } } } });
    const { context, page } = await newPage(browser);
    try {
      await page.goto(`http://127.0.0.1:${pgw.port}/`);
      await page.getByRole('button', { name: 'The gateway uses a password' }).click();
      await page.getByLabel('Gateway password').fill(password);
      await page.getByRole('button', { name: 'Connect' }).click();
      await waitForConnected(page);
      const stored = await page.evaluate(async () => {
        const dump: string[] = [];
        for (const s of [sessionStorage, localStorage])
          for (let i = 0; i < s.length; i++) dump.push(`${s.key(i)}=${s.getItem(s.key(i)!)}`);
        const db = await new Promise<IDBDatabase>((resolve) => {
          const r = indexedDB.open('moltbot-control-ui');
          r.onsuccess = () => resolve(r.result);
        });
        const all = await new Promise<unknown[]>((resolve) => {
          const r = db.transaction('device').objectStore('device').getAll();
          r.onsuccess = () => resolve(r.result);
        });
        dump.push(JSON.stringify(all, (_k, v) => (v instanceof CryptoKey ? `CryptoKey:${v.extractable}` : v)));
        return dump.join('\n');
      });
      expect(stored).not.toContain(password);
      // The private key cannot be read out of the browser.
      expect(stored).toContain('CryptoKey:false');
    } finally {
      await context.close();
      await pgw.stop();
    }
  });
});

describe('dark colour scheme', () => {
  it('keeps contrast (axe) on the overview and the chat', async () => {
    const { context, page } = await newPage(browser);
    try {
      await page.emulateMedia({ colorScheme: 'dark' });
      await openSignedIn(page, gw.port, gw.token);
      await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
      await page.waitForLoadState('networkidle');
      await expectAccessible(page, 'overview (dark)');
      await screenshot(page, 'overview-dark');
      await goToPage(page, 'Chat');
      await expectAccessible(page, 'chat (dark)');
    } finally {
      await context.close();
    }
  });
});
