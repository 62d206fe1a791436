import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { baseConfig, cronEvents, requestsWith, waitForRuns } from './automation-harness.js';

let model: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;

beforeAll(async () => {
  model = await startFakeModelProvider();
  gw = await startGateway({ config: baseConfig(model) });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await model?.close();
});

describe('cron schedules against the real gateway', () => {
  it('an every job runs on its anchor grid and the provider gets its message each time', async () => {
    const events = cronEvents(c);
    const anchorMs = Date.now() + 600;
    const job = await c.request('cron.add', {
      name: 'tick',
      schedule: { kind: 'every', everyMs: 1000, anchorMs },
      sessionTarget: 'isolated',
      payload: { kind: 'agentTurn', message: 'every-job ping' },
    });
    expect(job.state.nextRunAtMs).toBe(anchorMs);
    expect(events.some((e) => e.payload.action === 'added' && e.payload.jobId === job.id)).toBe(true);
    const runs = await waitForRuns(c, job.id, 2);
    expect(runs[0]).toMatchObject({ jobId: job.id, status: 'ok', runAtMs: anchorMs, action: 'finished' });
    expect(runs[1].runAtMs).toBe(anchorMs + 1000);
    expect(runs[0].summary).toContain('every-job ping');
    expect(runs[0].sessionKey).toMatch(new RegExp(`cron:${job.id}:${runs[0].runId}$`));
    expect(requestsWith(model, 'every-job ping')).toBeGreaterThanOrEqual(2);
    const kinds = events.filter((e) => e.payload.jobId === job.id).map((e) => e.payload.action);
    expect(kinds).toEqual(expect.arrayContaining(['started', 'finished']));
    await c.request('cron.remove', { id: job.id });
  });

  it('an at job runs once and is deleted', async () => {
    const at = new Date(Date.now() + 700).toISOString();
    const job = await c.request('cron.add', {
      name: 'once',
      schedule: { kind: 'at', at },
      payload: { kind: 'agentTurn', message: 'at-job ping' },
    });
    expect(job.deleteAfterRun).toBe(true);
    expect(job.sessionTarget).toBe('isolated');
    await eventually(async () => {
      const { jobs } = await c.request('cron.list', { includeDisabled: true });
      expect(jobs.some((j: any) => j.id === job.id)).toBe(false);
    });
    expect(requestsWith(model, 'at-job ping')).toBe(1);
    const { entries } = await c.request('cron.runs', { scope: 'all' });
    expect(entries.filter((e: any) => e.jobId === job.id)).toEqual([
      expect.objectContaining({ status: 'ok', runAtMs: Date.parse(at) }),
    ]);
  });

  it('a cron expression in a fixed time zone gets the right next run across a DST change', async () => {
    // Europe/Berlin leaves CET (UTC+1) for CEST (UTC+2) on the last Sunday of March at 02:00.
    const now = new Date();
    let year = now.getUTCFullYear();
    const lastSunday = (y: number) => {
      const d = new Date(Date.UTC(y, 2, 31));
      return 31 - d.getUTCDay();
    };
    if (Date.UTC(year, 2, lastSunday(year) - 2) <= now.getTime()) year++;
    const day = lastSunday(year);
    const add = async (expr: string) =>
      (
        await c.request('cron.add', {
          name: `dst ${expr}`,
          schedule: { kind: 'cron', expr, tz: 'Europe/Berlin' },
          payload: { kind: 'systemEvent', text: 'dst check' },
        })
      ).state.nextRunAtMs as number;
    // 09:00 the day before (still CET) is 08:00Z; 09:00 on the day (CEST) is 07:00Z.
    expect(new Date(await add(`0 9 ${day - 1} 3 *`)).toISOString()).toBe(
      new Date(Date.UTC(year, 2, day - 1, 8)).toISOString(),
    );
    expect(new Date(await add(`0 9 ${day} 3 *`)).toISOString()).toBe(new Date(Date.UTC(year, 2, day, 7)).toISOString());
    // 02:30 does not exist that day: croner runs it at 03:00 CEST, 01:00Z.
    expect(new Date(await add(`30 2 ${day} 3 *`)).toISOString()).toBe(
      new Date(Date.UTC(year, 2, day, 1)).toISOString(),
    );
  });

  it('a job whose previous run still goes gets its next slot recorded as skipped', async () => {
    model.script({ delayMs: 2300, text: 'slow answer' });
    const anchorMs = Date.now() + 300;
    const job = await c.request('cron.add', {
      name: 'slowpoke',
      schedule: { kind: 'every', everyMs: 1000, anchorMs },
      payload: { kind: 'agentTurn', message: 'slow-job ping' },
    });
    // The first run takes 2.3 s: the slots that come meanwhile are recorded, not run.
    await eventually(async () => {
      const runs = await waitForRuns(c, job.id, 2);
      expect(runs.find((r) => r.runAtMs === anchorMs)).toMatchObject({ status: 'ok', summary: 'slow answer' });
      expect(runs.find((r) => r.runAtMs === anchorMs + 1000)).toMatchObject({
        status: 'skipped',
        error: 'the previous run is still going',
      });
    }, 15_000);
    await c.request('cron.update', { id: job.id, patch: { enabled: false } });
    await eventually(async () => expect((await c.request('cron.status', {})).running).toBe(0));
    const done = await waitForRuns(c, job.id, 2);
    // Only the runs that ran reached the provider; the skipped slots did not.
    expect(requestsWith(model, 'slow-job ping')).toBe(done.filter((r) => r.status === 'ok').length);
    await c.request('cron.remove', { id: job.id });
  });

  it('cron.run: force runs now; a repeat of its idempotencyKey runs nothing new; due runs only due jobs', async () => {
    const job = await c.request('cron.add', {
      name: 'manual',
      schedule: { kind: 'every', everyMs: 3_600_000 },
      payload: { kind: 'agentTurn', message: 'manual-run ping' },
    });
    expect(await c.request('cron.run', { id: job.id })).toEqual({ ok: true, ran: false, reason: 'not-due' });
    const first = await c.request('cron.run', { jobId: job.id, mode: 'force', idempotencyKey: 'run-once' });
    expect(first).toMatchObject({ ok: true, ran: true, runId: expect.any(String) });
    await waitForRuns(c, job.id, 1);
    const again = await c.request('cron.run', { id: job.id, mode: 'force', idempotencyKey: 'run-once' });
    expect(again).toEqual({ ok: true, ran: true, runId: first.runId, duplicate: true });
    expect(requestsWith(model, 'manual-run ping')).toBe(1);
    const [run] = await waitForRuns(c, job.id, 1);
    expect(run).toMatchObject({ trigger: 'manual', status: 'ok' });
    await c.request('cron.remove', { id: job.id });
  });

  it('the agent schedules its own reminder with the cron tool', async () => {
    model.script([
      {
        toolCalls: [
          {
            name: 'cron',
            arguments: {
              action: 'add',
              job: {
                name: 'dentist',
                schedule: { kind: 'cron', expr: '0 9 * * *', tz: 'Europe/Berlin' },
                payload: { kind: 'agentTurn', message: 'Remind me to call the dentist' },
              },
            },
          },
        ],
      },
      { text: 'Scheduled: every day at 9.' },
    ]);
    const reply = await c.request('agent', { message: 'remind me daily at 9', idempotencyKey: 'tool-add' });
    expect(reply.summary).toBe('Scheduled: every day at 9.');
    const { jobs } = await c.request('cron.list', { query: 'dentist' });
    expect(jobs).toEqual([
      expect.objectContaining({ agentId: 'main', delivery: { mode: 'announce', channel: 'last' }, enabled: true }),
    ]);
    // Over HTTP the tool is refused unless gateway.http.toolsInvoke.allow lists it.
    const res = await fetch(`http://127.0.0.1:${gw.port}/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ tool: 'cron', args: { action: 'list' } }),
    });
    expect(res.status).toBe(404);
    await c.request('cron.remove', { id: jobs[0].id });
  });

  it('bad input gets INVALID_REQUEST naming the field and a valid example; nothing is stored', async () => {
    const before = (await c.request('cron.status', {})).jobs;
    const refuse = async (patch: Record<string, unknown>, field: string, text: RegExp) => {
      const err = await c
        .request('cron.add', {
          name: 'bad',
          schedule: { kind: 'every', everyMs: 60_000 },
          payload: { kind: 'agentTurn', message: 'x' },
          ...patch,
        })
        .catch((e) => e);
      expect(err.error?.code, JSON.stringify(err.error ?? err)).toBe('INVALID_REQUEST');
      expect(err.error.details.field).toBe(field);
      expect(err.error.details.example).toBeDefined();
      expect(err.error.message).toMatch(text);
    };
    await refuse({ schedule: { kind: 'cron', expr: '61 * * * *' } }, 'schedule.expr', /e\.g\. "0 9 \* \* 1-5"/);
    await refuse(
      { schedule: { kind: 'cron', expr: '0 9 * * *', tz: 'Mars/Olympus' } },
      'schedule.tz',
      /Europe\/Berlin/,
    );
    await refuse({ schedule: { kind: 'at', at: '2001-01-01T00:00:00Z' } }, 'schedule.at', /in the past/);
    await refuse({ schedule: { kind: 'at', at: 'next tuesday' } }, 'schedule.at', /ISO 8601/);
    await refuse({ delivery: { mode: 'announce', channel: 'carrier-pigeon', to: '1' } }, 'delivery.channel', /"last"/);
    await refuse({ schedule: { kind: 'every', everyMs: 5 } }, 'schedule.everyMs', /600000/);
    expect((await c.request('cron.status', {})).jobs).toBe(before);
  });
});
