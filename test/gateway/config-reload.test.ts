import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { GatewayClient } from '../../sdk/client/gateway-client.js';
import { eventually } from '../support/eventually.js';
import { freePort } from '../support/free-port.js';
import { type GatewayProcess, REPO_ROOT, startGateway } from '../support/gateway-process.js';

const TOKEN = 'reload-token-0123456789abcdef0123456789abc';
const HELLO = path.join(REPO_ROOT, 'examples/01-hello-route');
let gw: GatewayProcess | undefined;
afterEach(async () => {
  await gw?.stop();
  gw = undefined;
});

const base = (extra: Record<string, any> = {}) => ({
  ...extra,
  gateway: { auth: { token: TOKEN }, reload: { debounceMs: 50 }, ...(extra.gateway ?? {}) },
});

describe('config-driven restarts and reload modes', () => {
  it('restarts in-process (same pid) when gateway.port changes, closing clients with 1012', async () => {
    gw = await startGateway({ token: TOKEN, config: base() });
    const c = await gw.client();
    const shutdown = c.waitForEvent((e) => e.event === 'shutdown', 8000);
    const newPort = await freePort();
    // --port on the command line wins over gateway.port: start without it for this test.
    gw.writeConfig(base({ gateway: { port: newPort } }));
    const ev = await shutdown;
    expect(ev.payload.reason).toMatch(/config change: .*gateway\.port/);
    expect(ev.payload.restartExpectedMs).toBeGreaterThan(0);
    expect(await c.waitForClose()).toBe(1012);
    // The flag still pins the port, so the restart comes back on the same one, same pid.
    const again = await eventually(() => GatewayClient.connect({ url: gw!.url, token: TOKEN }), 10000, 200);
    expect((await again.request('status')).pid).toBe(gw.pid);
    again.close();
  });

  it('mode off ignores file edits; mode hot defers a port change and still hot-reloads plugins', async () => {
    gw = await startGateway({ token: TOKEN, config: base({ gateway: { reload: { mode: 'off', debounceMs: 50 } } }) });
    const c = await gw.client();
    gw.writeConfig(
      base({ gateway: { reload: { mode: 'off', debounceMs: 50 } }, plugins: { entries: { hello: { from: HELLO } } } }),
    );
    await new Promise((r) => setTimeout(r, 600));
    expect((await c.request('plugins.list')).plugins.find((p: any) => p.id === 'hello')).toBeUndefined();
    c.close();
    await gw.stop();

    gw = await startGateway({ token: TOKEN, config: base({ gateway: { reload: { mode: 'hot', debounceMs: 50 } } }) });
    const h = await gw.client();
    const otherPort = await freePort();
    gw.writeConfig(
      base({
        gateway: { port: otherPort, reload: { mode: 'hot', debounceMs: 50 } },
        plugins: { entries: { hello: { from: HELLO } } },
      }),
    );
    await eventually(async () =>
      expect((await h.request('plugins.list')).plugins.find((p: any) => p.id === 'hello')?.state).toBe('active'),
    );
    expect(h.closeCode).toBeUndefined();
    expect(h.events.some((e) => e.event === 'shutdown')).toBe(false);
    await eventually(() => expect(gw!.output()).toMatch(/take effect at the next restart/));
    h.close();
  });

  it('applies config.patch from a client once (no reload loop from its own write), file stays 0600', async () => {
    gw = await startGateway({ token: TOKEN, config: base() });
    const c = await gw.client();
    const res = await c.request('config.patch', {
      patch: { plugins: { entries: { hello: { from: HELLO, config: { greeting: 'Patched' } } } } },
    });
    expect(res.plugins).toEqual({ hello: 'load' });
    await new Promise((r) => setTimeout(r, 800));
    const applied = c.events.filter((e) => e.event === 'config' && e.payload.status === 'applied');
    expect(applied).toHaveLength(1);
    expect((await c.request('plugins.list')).plugins.find((p: any) => p.id === 'hello').generation).toBe(1);
    expect(gw.readConfig().plugins.entries.hello.config.greeting).toBe('Patched');
    const fs = await import('node:fs');
    expect(fs.statSync(gw.configPath).mode & 0o777).toBe(0o600);
    const r = await fetch(`http://127.0.0.1:${gw.port}/hello`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect((await r.json()).text).toBe('Patched, world!');
    c.close();
  });
});
