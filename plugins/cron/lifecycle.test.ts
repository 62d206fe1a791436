import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOTHING_LEFT, startTestGateway, type TestGateway } from '../../sdk/testing.js';
import { BUILTIN_PLUGINS } from '../catalog.js';
import cron from './index.js';

let tg: TestGateway;
beforeAll(async () => {
  // Alone, without the agent or delivery plugins: it loads, stores jobs, and records why runs fail.
  tg = await startTestGateway({ plugins: [cron] });
});
afterAll(async () => {
  await tg?.close();
});

const METHODS = ['cron.add', 'cron.list', 'cron.remove', 'cron.run', 'cron.runs', 'cron.status', 'cron.update'];

describe('cron plugin lifecycle', () => {
  it('is on unless cron.enabled is false', () => {
    const entry = BUILTIN_PLUGINS.find((b) => b.id === 'cron')!;
    expect(entry.enabledByDefault({})).toBe(true);
    expect(entry.enabledByDefault({ cron: { enabled: true } })).toBe(true);
    expect(entry.enabledByDefault({ cron: { enabled: false } })).toBe(false);
  });

  it('loads, keeps its jobs through a reload, and unloading leaves no method, tool or timer behind', async () => {
    const c = await tg.client();
    const job = await c.request('cron.add', {
      name: 'survives reloads',
      schedule: { kind: 'cron', expr: '0 9 * * *', tz: 'UTC' },
      payload: { kind: 'systemEvent', text: 'good morning' },
    });
    expect(c.hello.features.events).toContain('cron');
    expect((await tg.leftovers('cron')).methods.sort()).toEqual(METHODS);

    await tg.setConfig({ cron: { runHistory: 50 } });
    const after = await tg.leftovers('cron');
    expect(after.methods.sort()).toEqual(METHODS);
    expect(after.activeLeases).toBe(0);
    expect(after.undisposedEffects).toBe(0);
    expect((await c.request('cron.list', {})).jobs.map((j: any) => j.id)).toEqual([job.id]);

    // Without the agent plugin a forced run is recorded as an error naming what is missing.
    const run = await c.request('cron.run', { id: job.id, mode: 'force' });
    expect(run).toMatchObject({ ok: true, ran: true });
    await expect
      .poll(async () => (await c.request('cron.runs', { id: job.id })).entries[0]?.error)
      .toContain('service "heartbeat"');

    await tg.setConfig({ cron: { runHistory: 50 }, plugins: { entries: { cron: { enabled: false } } } });
    expect((await c.request('cron.list', {}).catch((e) => e.error)).code).toBe('NOT_FOUND');
    expect(await tg.leftovers('cron')).toEqual(NOTHING_LEFT);
    c.close();
  });
});
