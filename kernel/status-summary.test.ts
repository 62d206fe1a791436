import { describe, expect, it } from 'vitest';
import type { PluginSummary } from './host/plugin-status.js';
import type { KernelRuntime } from './runtime.js';
import { StatusSerializer } from './status-summary.js';

const runtime = (): KernelRuntime =>
  ({
    version: '1.2.3',
    startedAt: Date.now() - 1000,
    auth: { mode: 'token', source: 'env', allowTailscale: false },
    paths: { configPath: '/tmp/"quoted"/moltbot.json', stateDir: '/tmp/state' },
    broadcaster: { size: 3 },
    presence: { size: 2 },
  }) as unknown as KernelRuntime;

const plugin = (id: string, extra: Partial<PluginSummary> = {}): PluginSummary => ({
  id,
  version: '1.0.0',
  state: 'active',
  enabled: true,
  generation: 1,
  ...extra,
});

describe('StatusSerializer', () => {
  it('writes the whole summary as one JSON object, fixed parts and changing ones', () => {
    const s = new StatusSerializer();
    const rt = runtime();
    const parsed = JSON.parse(
      s.serialize({
        runtime: rt,
        plugins: [plugin('a'), plugin('b')],
        port: 1234,
        bind: '127.0.0.1',
        processStartedAt: 0,
      }),
    );
    expect(parsed).toMatchObject({
      version: '1.2.3',
      pid: process.pid,
      port: 1234,
      bind: '127.0.0.1',
      auth: { mode: 'token', source: 'env', allowTailscale: false },
      configPath: '/tmp/"quoted"/moltbot.json',
      connections: 3,
      presence: 2,
      channels: {},
      agentQueueDepth: 0,
      errors: { config: 0, plugins: 0 },
      plugins: [
        { id: 'a', version: '1.0.0', state: 'active', enabled: true, generation: 1 },
        { id: 'b', version: '1.0.0', state: 'active', enabled: true, generation: 1 },
      ],
    });
    expect(parsed.uptimeMs).toBeGreaterThanOrEqual(1000);
  });

  it('follows a plugin state change, a new runtime and another port (nothing stale from the cache)', () => {
    const s = new StatusSerializer();
    const rt = runtime();
    const base = { runtime: rt, port: 1, bind: '127.0.0.1', processStartedAt: 0 };
    s.serialize({ ...base, plugins: [plugin('a')] });
    const failed = plugin('a', {
      state: 'failed',
      generation: 2,
      lastError: { code: 'GW_ERR_X', message: 'boom', at: 1 },
    });
    const after = JSON.parse(s.serialize({ ...base, plugins: [failed] }));
    expect(after.plugins).toEqual([
      { id: 'a', version: '1.0.0', state: 'failed', enabled: true, generation: 2, lastError: 'boom' },
    ]);
    expect(after.errors.plugins).toBe(1);
    const other = { ...runtime(), version: '9.9.9' } as KernelRuntime;
    const restarted = JSON.parse(s.serialize({ ...base, runtime: other, port: 2, plugins: [] }));
    expect(restarted).toMatchObject({ version: '9.9.9', port: 2, plugins: [] });
  });
});
