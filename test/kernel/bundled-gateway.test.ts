import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { BUNDLED_CLI, type GatewayProcess, REPO_ROOT } from '../support/gateway-process.js';
import { startReady } from './start-gateway.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

// `npm start` and the installed `moltbot` run the bundle (bin/build/bundle-gateway.ts): it must
// load external plugins through `from`, with the bundle's own SDK (one copy per process).
const TOKEN = 'bundled-token-0123456789abcdefghijklmnop';
let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

describe('the bundled gateway', () => {
  it('starts, serves WS and HTTP, and loads external plugins with its own SDK', async () => {
    gw = await startReady({
      cli: BUNDLED_CLI,
      token: TOKEN,
      config: {
        plugins: {
          entries: {
            hello: { from: path.join(REPO_ROOT, 'examples/01-hello-route'), config: { greeting: 'Hi' } },
            'sdk-probe': { from: path.join(REPO_ROOT, 'test/fixtures/plugins/sdk-probe') },
          },
        },
      },
    });
    const client = await gw.client({ token: TOKEN });
    expect(await client.request('hello.greet', { name: 'Ada' })).toEqual({ text: 'Hi, Ada!', generation: 1 });
    const where = (await client.request('sdkprobe.where', {})) as { sdk: string };
    expect(where.sdk).toBe(new URL('sdk.js', `file://${path.dirname(BUNDLED_CLI)}/`).href);
    const status = (await client.request('status', {})) as { plugins?: { id: string; state?: string }[] };
    expect(JSON.stringify(status)).toContain('sdk-probe');
    // The plugin's params schema (built with the SDK's TypeBox) is checked by the kernel's.
    const bad = await client.request('hello.greet', {}).catch((e: { error?: { code?: string } }) => e.error);
    expect(bad?.code).toBe('INVALID_REQUEST');
    client.close();

    const res = await fetch(`http://127.0.0.1:${gw.port}/hello`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(await res.json()).toEqual({ text: 'Hi, world!', generation: 1 });
  });
});
