import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { callTool, offeredTools } from './tool-harness.js';

const ARTICLE = `<!doctype html><html><head><title>Harbor news</title></head><body>
<nav><a href="/">Home</a> <a href="/about">About</a></nav>
<article><h1>The harbor reopens</h1>
<p>After three weeks of repairs the <b>old harbor</b> reopened on Monday, and the first ferries arrived at dawn.
Fishermen said the new quay is longer and the water deeper than before, which lets larger boats moor safely.</p>
<p>The town council thanked the divers and engineers who worked through the storms to finish on time.</p>
</article><footer>Copyright footer text</footer><script>alert("x")</script></body></html>`;

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let site: http.Server;
let base: string;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  site = http.createServer((req, res) => {
    if (req.url === '/article') return res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(ARTICLE);
    if (req.url === '/data') return res.writeHead(200, { 'content-type': 'application/json' }).end('{"a":[1,2]}');
    if (req.url === '/hop') return res.writeHead(302, { location: '/article' }).end();
    if (req.url === '/to-loopback') {
      const { port } = site.address() as AddressInfo;
      return res.writeHead(302, { location: `http://127.0.0.2:${port}/article` }).end();
    }
    res.writeHead(404).end('no');
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  gw = await startGateway({
    env: FAKE_KEY_ENV,
    config: agentConfig(fake, {
      agents: {
        defaults: { model: { primary: 'openai/test-model' } },
        list: [
          { id: 'main', default: true },
          // allowPrivate only for the happy path; `strict` shares the same tools plugin config.
          { id: 'fsonly', tools: { allow: ['group:fs'] } },
          { id: 'noruntime', tools: { deny: ['group:runtime', 'group:web'] } },
        ],
      },
      tools: { web: { fetch: { allowPrivate: true, maxChars: 5000 } } },
    }),
  });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await fake?.close();
  await new Promise((r) => site.close(r));
});
beforeEach(() => fake.reset());

describe('web_fetch', () => {
  it('returns the main content as markdown, follows redirects, pretty-prints JSON', async () => {
    const page = await callTool(c, fake, { name: 'web_fetch', arguments: { url: `${base}/hop` } });
    expect(page.json).toMatchObject({
      status: 200,
      finalUrl: `${base}/article`,
      title: 'Harbor news',
      extractor: 'readability',
      truncated: false,
    });
    expect(page.json.text).toContain('**old harbor** reopened on Monday');
    expect(page.json.text).not.toMatch(/alert|Copyright footer/);
    const text = await callTool(c, fake, {
      name: 'web_fetch',
      arguments: { url: `${base}/article`, extractMode: 'text', maxChars: 100 },
    });
    expect(text.json).toMatchObject({ extractMode: 'text', truncated: true });
    expect(text.json.text.length).toBe(100);
    const json = await callTool(c, fake, { name: 'web_fetch', arguments: { url: `${base}/data` } });
    expect(json.json.text).toBe('{\n  "a": [\n    1,\n    2\n  ]\n}');
  });

  it('refuses loopback, link-local and non-http URLs without allowPrivate', async () => {
    const cfg = gw.readConfig();
    cfg.tools.web.fetch.allowPrivate = false;
    gw.writeConfig(cfg);
    let refused: Awaited<ReturnType<typeof callTool>> | undefined;
    for (let i = 0; i < 50; i++) {
      refused = await callTool(c, fake, { name: 'web_fetch', arguments: { url: `${base}/article` } });
      if (refused.isError) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(refused!.result).toMatch(/web_fetch refused 127\.0\.0\.1: 127\.0\.0\.1 is a loopback address/);
    const byName = await callTool(c, fake, {
      name: 'web_fetch',
      arguments: { url: base.replace('127.0.0.1', 'localhost') },
    });
    expect(byName.result).toMatch(/web_fetch refused localhost: it resolves to .* loopback address/);
    const meta = await callTool(c, fake, { name: 'web_fetch', arguments: { url: 'http://169.254.169.254/latest' } });
    expect(meta.result).toMatch(/linkLocal address/);
    const scheme = await callTool(c, fake, { name: 'web_fetch', arguments: { url: 'file:///etc/passwd' } });
    expect(scheme.result).toMatch(/only fetches http and https/);
  });

  it('allowAddresses opens one address; a redirect from it to another loopback address is refused', async () => {
    const cfg = gw.readConfig();
    cfg.tools.web.fetch.allowPrivate = false;
    cfg.tools.web.fetch.allowAddresses = ['127.0.0.1'];
    gw.writeConfig(cfg);
    let page: Awaited<ReturnType<typeof callTool>> | undefined;
    for (let i = 0; i < 50; i++) {
      page = await callTool(c, fake, { name: 'web_fetch', arguments: { url: `${base}/article` } });
      if (!page.isError) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(page!.json).toMatchObject({ status: 200, title: 'Harbor news' });
    const hop = await callTool(c, fake, { name: 'web_fetch', arguments: { url: `${base}/to-loopback` } });
    expect(hop.isError).toBe(true);
    expect(hop.result).toMatch(/web_fetch refused 127\.0\.0\.2: 127\.0\.0\.2 is a loopback address/);
  });
});

describe('tool policy groups and per-session overrides', () => {
  it('group:fs allows only the file tools; deny of group:runtime/web removes exec, process, web_fetch', async () => {
    await callTool(c, fake, { name: 'read', arguments: { path: 'x' } }, { agentId: 'fsonly' });
    expect(offeredTools(fake)).toEqual(['apply_patch', 'edit', 'glob', 'list', 'read', 'write']);
    fake.reset();
    await callTool(c, fake, { name: 'list', arguments: {} }, { agentId: 'noruntime' });
    const offered = offeredTools(fake);
    expect(offered).toEqual(expect.arrayContaining(['read', 'write', 'sessions_list', 'gateway']));
    for (const t of ['exec', 'process', 'web_fetch']) expect(offered).not.toContain(t);
    fake.reset();
    const denied = await callTool(c, fake, { name: 'exec', arguments: { command: 'id' } }, { agentId: 'noruntime' });
    expect(denied.result).toMatch(/tool "exec" is not available to this agent/);
  });

  it('sessions.patch toolsDeny/toolsAllow narrow one session only, and null clears them', async () => {
    const key = 'agent:main:narrow';
    await c.request('sessions.patch', { key, toolsDeny: ['group:runtime'], toolsAllow: ['group:fs', 'exec'] });
    await callTool(c, fake, { name: 'list', arguments: {} }, { sessionKey: key });
    expect(offeredTools(fake)).toEqual(['apply_patch', 'edit', 'glob', 'list', 'read', 'write']);
    fake.reset();
    await callTool(c, fake, { name: 'list', arguments: {} }, { sessionKey: 'agent:main:other' });
    expect(offeredTools(fake)).toContain('exec');
    fake.reset();
    const patched = await c.request('sessions.patch', { key, toolsDeny: null, toolsAllow: null });
    expect(patched.entry.toolsDeny).toBeUndefined();
    await callTool(c, fake, { name: 'list', arguments: {} }, { sessionKey: key });
    expect(offeredTools(fake)).toContain('exec');
  });
});
