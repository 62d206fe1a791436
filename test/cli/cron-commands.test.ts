import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseConfig } from '../automation/automation-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { runCli } from './run-cli.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
const cli = (args: string[]) =>
  runCli(args, { home: gw.home, env: { CLAWDBOT_GATEWAY_PORT: String(gw.port) }, timeoutMs: 30_000 });

beforeAll(async () => {
  fake = await startFakeModelProvider();
  gw = await startGateway({ config: baseConfig(fake) });
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});

describe('moltbot cron …', () => {
  let id: string;

  it('add prints the job and its next run; --json gives the stored job', async () => {
    const r = await cli([
      'cron',
      'add',
      '--name',
      'standup',
      '--cron',
      '0 9 * * 1-5',
      '--tz',
      'Europe/Berlin',
      '--message',
      'cli-planned day',
      '--json',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const job = JSON.parse(r.stdout);
    expect(job).toMatchObject({
      name: 'standup',
      schedule: { kind: 'cron', expr: '0 9 * * 1-5', tz: 'Europe/Berlin' },
      sessionTarget: 'isolated',
      payload: { kind: 'agentTurn', message: 'cli-planned day' },
    });
    id = job.id;
    const human = await cli(['cron', 'add', '--name', 'tick', '--every', '10m', '--system-event', 'tock']);
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/^added \S+ "tick": every 10m, system line \(main\)\nnext run \d{4}-/);
  });

  it('list shows a table of the jobs', async () => {
    const r = await cli(['cron', 'list']);
    expect(r.code).toBe(0);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID\s+NAME\s+SCHEDULE\s+NEXT \(UTC\)\s+LAST\s+WHAT$/);
    expect(r.stdout).toContain('cron "0 9 * * 1-5" Europe/Berlin');
    expect(r.stdout).toContain('every 10m');
  });

  it('edit changes what its flags name; run waits for the end; runs shows it', async () => {
    const edit = await cli(['cron', 'edit', id, '--announce', '--channel', 'last', '--best-effort', '--json']);
    expect(edit.code, edit.stderr).toBe(0);
    expect(JSON.parse(edit.stdout).delivery).toEqual({ mode: 'announce', channel: 'last', bestEffort: true });
    fake.script({ text: 'your day, planned' });
    const run = await cli(['cron', 'run', id]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/^ok: run \S+ in \d+ ms\nyour day, planned/);
    const runs = await cli(['cron', 'runs', id]);
    expect(runs.stdout).toMatch(/ok\s+\d+\s+standup\s+not-delivered\s+your day, planned/);
  });

  it('bad input: a bad flag combination exits 2 locally; a refused value exits 2 naming the field', async () => {
    const two = await cli(['cron', 'add', '--name', 'x', '--every', '1m', '--at', '+5m', '--message', 'm']);
    expect(two.code).toBe(2);
    expect(two.stderr).toContain('give one schedule');
    const bad = await cli(['cron', 'add', '--name', 'x', '--cron', '99 * * * *', '--message', 'm']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('schedule.expr "99 * * * *"');
    const every = await cli(['cron', 'add', '--name', 'x', '--every', 'often', '--message', 'm']);
    expect(every.code).toBe(2);
    expect(every.stderr).toContain('--every "often" is not a duration');
    expect((await cli(['cron', 'list', '--all', '--json'])).stdout).not.toContain('"name": "x"');
  });

  it('rm removes; removing again is an error', async () => {
    expect((await cli(['cron', 'rm', id])).code).toBe(0);
    const again = await cli(['cron', 'rm', id]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('no cron job');
  });
});
