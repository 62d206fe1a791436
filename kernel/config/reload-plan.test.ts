import { describe, expect, it } from 'vitest';
import { diffPaths } from './object-path.js';
import { planReload } from './reload-plan.js';

const keys: Record<string, string[]> = {
  telegram: ['channels.telegram'],
  agent: ['agents', 'models'],
  hello: ['plugins.entries.hello.config'],
};
const base = {
  before: new Map([
    ['telegram', true],
    ['agent', true],
    ['hello', true],
  ]),
  keysOf: (id: string) => keys[id] ?? [],
};

describe('planReload', () => {
  it('reloads only the plugin owning a changed subtree', () => {
    const plan = planReload({ ...base, mode: 'hybrid', changed: ['channels.telegram.botToken'], after: base.before });
    expect(plan.restart).toBe(false);
    expect([...plan.plugins]).toEqual([['telegram', 'reload']]);
  });

  it('loads and unloads plugins whose enabled state flips', () => {
    const after = new Map([
      ['telegram', false],
      ['agent', true],
      ['hello', true],
      ['extra', true],
    ]);
    const plan = planReload({
      ...base,
      mode: 'hybrid',
      changed: ['channels.telegram.enabled', 'plugins.entries.extra'],
      after,
    });
    expect(Object.fromEntries(plan.plugins)).toEqual({ telegram: 'unload', extra: 'load' });
  });

  it('restarts for port/bind/auth/tls in hybrid, defers them in hot, ignores everything in off', () => {
    const changed = ['gateway.port', 'models.providers.x.apiKey'];
    expect(planReload({ ...base, mode: 'hybrid', changed, after: base.before }).restart).toBe(true);
    const hot = planReload({ ...base, mode: 'hot', changed, after: base.before });
    expect(hot.restart).toBe(false);
    expect(hot.restartDeferred).toEqual(['gateway.port']);
    expect([...hot.plugins]).toEqual([['agent', 'reload']]);
    const off = planReload({ ...base, mode: 'off', changed, after: base.before });
    expect(off.restart).toBe(false);
    expect(off.plugins.size).toBe(0);
    expect(planReload({ ...base, mode: 'restart', changed: ['channels.telegram.x'], after: base.before }).restart).toBe(
      true,
    );
  });

  it("treats plugins.entries.<id> edits as that plugin's and kernel settings as live", () => {
    const plan = planReload({
      ...base,
      mode: 'hybrid',
      changed: ['plugins.entries.hello.config.greeting', 'gateway.allowedHosts'],
      after: base.before,
    });
    expect([...plan.plugins]).toEqual([['hello', 'reload']]);
    expect(plan.kernel).toEqual(['gateway.allowedHosts']);
  });

  it('diffs leaf paths', () => {
    expect(diffPaths({ a: { b: 1, c: [1] }, d: 1 }, { a: { b: 2, c: [1] }, e: 1 }).sort()).toEqual(['a.b', 'd', 'e']);
  });
});
