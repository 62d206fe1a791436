import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { eventually } from '../../test/support/eventually.js';
import agentPlugin from '../agent/index.js';
import sandboxPlugin from '../sandbox/index.js';
import toolsInvokePlugin from '../tools-invoke/index.js';
import toolsPlugin from './index.js';

let tg: TestGateway;
const base = (timeoutSec: number) => ({
  gateway: { http: { toolsInvoke: { allow: ['exec', 'process'] } } },
  tools: { exec: { security: 'full', ask: 'off', timeoutSec } },
});

async function invoke(tool: string, args: unknown) {
  const res = await tg.fetch('/tools/invoke', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ tool, args }),
  });
  return { status: res.status, body: (await res.json()) as any };
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

beforeAll(async () => {
  tg = await startTestGateway({
    plugins: [agentPlugin, toolsInvokePlugin, sandboxPlugin, toolsPlugin],
    config: base(600),
  });
  fs.mkdirSync(path.join(path.dirname(tg.stateDir), 'clawd'), { recursive: true });
});
afterAll(() => tg?.close());

describe('tools and sandbox plugin lifecycle', () => {
  it('load: tools, methods and events are registered', async () => {
    const c = await tg.client();
    const plugins = (await c.request('plugins.list')).plugins;
    const tools = plugins.find((p: any) => p.id === 'tools');
    expect(tools.state).toBe('active');
    expect(tools.methods).toEqual([
      'exec.approval.list',
      'exec.approval.resolve',
      'exec.approvals.get',
      'exec.approvals.set',
    ]);
    const sandbox = plugins.find((p: any) => p.id === 'sandbox');
    expect(sandbox.methods).toEqual(['sandbox.explain', 'sandbox.list', 'sandbox.prune', 'sandbox.recreate']);
    expect(c.hello.features.events).toEqual(
      expect.arrayContaining(['exec.approval.requested', 'exec.approval.resolved']),
    );
    c.close();
  });

  it("reload kills the old generation's background commands; the new one serves", async () => {
    const started = await invoke('exec', { command: 'sleep 60', background: true });
    expect(started.status).toBe(200);
    const pid = started.body.result.pid as number;
    expect(alive(pid)).toBe(true);
    await tg.setConfig(base(900));
    await eventually(() => expect(alive(pid)).toBe(false), 10_000);
    const after = await invoke('exec', { command: 'echo again' });
    expect(after.body.result).toMatchObject({ status: 'completed', output: 'again\n' });
    const left = await tg.leftovers('tools');
    expect(left).toMatchObject({ undisposedEffects: 0, activeLeases: 0 });
  });

  it('an allowAddresses entry that is no address refuses the edit; the running generation serves on', async () => {
    const c = await tg.client();
    const generation = async () => (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'tools');
    const before = await generation();
    const withAllow = (allowAddresses: string[]) => ({
      ...base(900),
      tools: { ...base(900).tools, web: { fetch: { allowAddresses } } },
    });
    // "999.1.1.1" looks like an address (it passed the old pattern and failed only at the first fetch).
    await expect(tg.setConfig(withAllow(['192.168.1.20', '999.1.1.1']))).rejects.toThrow(
      'tools.web.fetch.allowAddresses.1: "999.1.1.1" is not an IP address or CIDR range ' +
        '(e.g. "192.168.1.20", "10.0.0.0/8", "fd00::/8")',
    );
    await expect(tg.setConfig(withAllow(['nas.local']))).rejects.toThrow(/"nas\.local" is not an IP address/);
    expect(await generation()).toMatchObject({ state: 'active', generation: before.generation });
    expect((await invoke('exec', { command: 'echo still' })).body.result).toMatchObject({ output: 'still\n' });
    await tg.setConfig(withAllow(['192.168.1.20', 'fd00::/8']));
    expect(await generation()).toMatchObject({ state: 'active', generation: before.generation + 1 });
    c.close();
  });

  it('unload leaves nothing behind', async () => {
    const started = await invoke('exec', { command: 'sleep 60', background: true });
    const pid = started.body.result.pid as number;
    await tg.setConfig({
      ...base(900),
      plugins: { entries: { tools: { enabled: false }, sandbox: { enabled: false } } },
    });
    await eventually(() => expect(alive(pid)).toBe(false), 10_000);
    for (const id of ['tools', 'sandbox']) {
      expect(await tg.leftovers(id)).toEqual(NOTHING_LEFT);
    }
    expect((await invoke('exec', { command: 'true' })).status).toBe(404);
  });
});
