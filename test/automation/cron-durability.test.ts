import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { baseConfig, delay, finishedRuns, requestsWith, waitForRuns } from './automation-harness.js';

// Three gateway starts on one state dir in a test: 30 s was too short on a loaded machine.
vi.setConfig({ testTimeout: 90_000 });

let model: FakeModelProvider;
let gw: GatewayProcess | undefined;

beforeAll(async () => {
  model = await startFakeModelProvider();
});
afterAll(async () => {
  await gw?.stop();
  await model?.close();
});

const freshHome = () => fs.mkdtempSync(path.join(os.tmpdir(), 'moltbot-cron-'));

describe('cron across kill -9 and downtime (real gateway restarts on the same state dir)', () => {
  it('a run cut by kill -9 is recorded "interrupted" at the next start and its slot is not run again', async () => {
    const home = freshHome();
    gw = await startGateway({ home, config: baseConfig(model) });
    let c = await gw.client();
    model.script({ hang: true });
    const anchorMs = Date.now() + 400;
    const job = await c.request('cron.add', {
      name: 'long one',
      schedule: { kind: 'every', everyMs: 3_600_000, anchorMs },
      payload: { kind: 'agentTurn', message: 'cut me off' },
    });
    await model.waitForRequest((r) => JSON.stringify(r.body ?? '').includes('cut me off'), 10_000);
    expect((await c.request('cron.list', {})).jobs[0].state.runningAtMs).toEqual(expect.any(Number));
    c.close();
    gw.signal('SIGKILL');
    expect((await gw.waitExit()).signal).toBe('SIGKILL');

    gw = await startGateway({ home });
    c = await gw.client();
    const runs = await finishedRuns(c, job.id);
    expect(runs).toEqual([expect.objectContaining({ status: 'error', error: 'interrupted', runAtMs: anchorMs })]);
    const [after] = (await c.request('cron.list', {})).jobs;
    expect(after.state).toMatchObject({
      lastRunStatus: 'error',
      lastError: 'interrupted',
      nextRunAtMs: anchorMs + 3_600_000,
    });
    expect(after.state.runningAtMs).toBeUndefined();
    // The scheduler armed at start; the cut slot is behind it and stays behind it.
    await delay(300);
    expect(requestsWith(model, 'cut me off')).toBe(1);
    expect(await finishedRuns(c, job.id)).toHaveLength(1);
    expect((await c.request('cron.status', {})).running).toBe(0);
    c.close();
    await gw.stop();
    gw = undefined;
  });

  it('stopped over several slots: catchUp "once" runs one run for all of them, "skip" runs none', async () => {
    const home = freshHome();
    gw = await startGateway({ home, config: baseConfig(model) });
    let c = await gw.client();
    const anchorMs = Date.now() + 300;
    const job = await c.request('cron.add', {
      name: 'pulse',
      schedule: { kind: 'every', everyMs: 1000, anchorMs },
      payload: { kind: 'systemEvent', text: 'pulse' },
    });
    await waitForRuns(c, job.id, 1);
    c.close();
    await gw.stop();
    const stoppedAt = Date.now();
    await delay(2100); // at least two slots pass while nothing runs

    const restartAt = Date.now();
    gw = await startGateway({ home });
    c = await gw.client();
    let runs = await waitForRuns(c, job.id, 2);
    const missed = runs.filter((r) => r.runAtMs > stoppedAt && r.runAtMs < restartAt);
    expect(missed).toEqual([expect.objectContaining({ status: 'ok', trigger: 'catch-up' })]);
    expect(missed[0].missedSlots).toBeGreaterThanOrEqual(1);
    c.close();
    await gw.stop();

    await delay(2100);
    const config = { ...baseConfig(model), cron: { catchUp: 'skip' } };
    const secondRestart = Date.now();
    gw = await startGateway({ home, config });
    c = await gw.client();
    runs = await finishedRuns(c, job.id);
    const catchUps = runs.filter((r) => r.trigger === 'catch-up');
    expect(catchUps).toEqual([
      expect.objectContaining({ status: 'ok' }),
      expect.objectContaining({ status: 'skipped', error: expect.stringContaining('"skip"') }),
    ]);
    // Nothing ran for the slots the skip stands for.
    const skipped = catchUps[1];
    expect(runs.filter((r) => r.runAtMs > skipped.runAtMs && r.runAtMs < secondRestart)).toEqual([]);
    expect(gw.output()).toContain('skipped (cron.catchUp "skip")');
    c.close();
    await gw.stop();
    gw = undefined;
  });
});
