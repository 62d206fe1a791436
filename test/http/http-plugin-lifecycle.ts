import { expect } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { startFakeModelProvider } from '../fakes/model-provider.js';
import { eventually } from '../support/eventually.js';
import { startGateway } from '../support/gateway-process.js';

export interface LifecycleCase {
  id: string;
  /** Config (besides the agent's) that turns the plugin on; `{}` when it is on by default. */
  enable: Record<string, any>;
  /** Config that turns it off. */
  disable: Record<string, any>;
  routes: string[];
  /** One request that the plugin serves: [method, path, body]. */
  probe: { method: string; path: string; body?: unknown; okStatus: number };
}

async function state(c: GatewayClient, id: string) {
  return (await c.request('plugins.list')).plugins.find((p: any) => p.id === id);
}

/**
 * Drive one HTTP plugin through load (config on), reload (plugins.reload and a config edit) and
 * unload (config off) against the real gateway, checking its routes answer, then are gone.
 */
export async function checkHttpPluginLifecycle(tc: LifecycleCase): Promise<void> {
  const fake = await startFakeModelProvider();
  const base = { ...agentConfig(fake), gateway: { reload: { debounceMs: 50 } } };
  const merge = (extra: Record<string, any>) => ({
    ...base,
    gateway: { ...base.gateway, ...(extra.gateway ?? {}) },
    ...(extra.plugins ? { plugins: extra.plugins } : {}),
  });
  const gw = await startGateway({ env: FAKE_KEY_ENV, config: merge(tc.enable) });
  const c = await gw.client();
  const call = () =>
    fetch(`http://127.0.0.1:${gw.port}${tc.probe.path}`, {
      method: tc.probe.method,
      headers: {
        authorization: `Bearer ${gw.token}`,
        ...(tc.probe.body ? { 'content-type': 'application/json' } : {}),
      },
      body: tc.probe.body ? JSON.stringify(tc.probe.body) : undefined,
    });
  try {
    // Loaded.
    const loaded = await state(c, tc.id);
    expect(loaded.state).toBe('active');
    expect(loaded.routes.sort()).toEqual([...tc.routes].sort());
    expect((await call()).status).toBe(tc.probe.okStatus);
    // Reloaded by request: a new generation serves the same routes.
    const reloaded = (await c.request('plugins.reload', { id: tc.id })).plugin;
    expect(reloaded.generation).toBe(loaded.generation + 1);
    expect((await call()).status).toBe(tc.probe.okStatus);
    // Reloaded by a config edit of its own key (a changed body limit).
    gw.writeConfig({ ...gw.readConfig(), ...editOwnKey(gw.readConfig(), tc.id) });
    await eventually(
      async () => expect((await state(c, tc.id)).generation).toBeGreaterThan(reloaded.generation),
      10_000,
    );
    expect((await call()).status).toBe(tc.probe.okStatus);
    // Unloaded: routes, methods gone; the path is unknown again.
    gw.writeConfig({
      ...merge(tc.disable),
      gateway: { ...gw.readConfig().gateway, ...(tc.disable.gateway ?? {}), http: tc.disable.gateway?.http ?? {} },
    });
    await eventually(async () => expect((await state(c, tc.id)).state).toBe('disabled'), 10_000);
    const gone = await state(c, tc.id);
    expect(gone.routes).toEqual([]);
    expect(gone.methods).toEqual([]);
    expect((await call()).status).toBe(404);
    expect((await c.request('status')).plugins.find((p: any) => p.id === tc.id).state).toBe('disabled');
  } finally {
    c.close();
    await gw.stop();
    await fake.close();
  }
}

function editOwnKey(cfg: Record<string, any>, id: string): Record<string, any> {
  const gateway = structuredClone(cfg.gateway ?? {});
  gateway.http ??= {};
  if (id === 'tools-invoke')
    gateway.http.toolsInvoke = { ...(gateway.http.toolsInvoke ?? {}), maxBodyBytes: 1024 * 1024 };
  else {
    const name = id === 'openai-http' ? 'chatCompletions' : 'responses';
    gateway.http.endpoints ??= {};
    gateway.http.endpoints[name] = { ...(gateway.http.endpoints[name] ?? {}), maxBodyBytes: 1024 * 1024 };
  }
  return { gateway };
}
