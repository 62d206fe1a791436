import { afterEach, describe, expect, it } from 'vitest';
import { BUILTIN_PLUGINS } from './catalog.js';

const byId = (id: string) => BUILTIN_PLUGINS.find((p) => p.id === id)!;
const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe('catalog: the plugins with ports of their own', () => {
  it.each([
    ['canvas', 'canvasHost', 'CLAWDBOT_SKIP_CANVAS_HOST'],
    ['browser', 'browser', 'CLAWDBOT_SKIP_BROWSER_CONTROL_SERVER'],
  ])('%s: on by default, off by %s.enabled:false or %s=1', (id, key, env) => {
    delete process.env[env];
    const plugin = byId(id);
    expect(plugin.configKeys).toEqual([key]);
    expect(plugin.enabledByDefault({})).toBe(true);
    expect(plugin.enabledByDefault({ [key]: { enabled: true } })).toBe(true);
    expect(plugin.enabledByDefault({ [key]: { enabled: false } })).toBe(false);
    process.env[env] = '1';
    expect(plugin.enabledByDefault({})).toBe(false);
    process.env[env] = '0';
    expect(plugin.enabledByDefault({})).toBe(true);
  });
});
