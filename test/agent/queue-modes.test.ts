import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { eventually } from '../support/eventually.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { agentConfig, FAKE_KEY_ENV } from './agent-harness.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let n = 0;
const key = () => `q-${++n}`;

function config(mode: string) {
  return { ...agentConfig(fake, { messages: { queue: { mode } } }), gateway: { reload: { debounceMs: 50 } } };
}

function send(message: string, sessionKey: string) {
  let runId = '';
  const final = c
    .request('agent', { message, sessionKey, idempotencyKey: key() }, { onAccepted: (p) => (runId = p.runId) })
    .catch((e) => e);
  return { final, runId: () => runId };
}

beforeAll(async () => {
  fake = await startFakeModelProvider();
  gw = await startGateway({ env: FAKE_KEY_ENV, config: config('collect') });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await fake?.close();
});

describe('messages.queue.mode', () => {
  it('collect: messages that waited during a run are folded into one follow-up run', async () => {
    fake.script([{ text: 'first done', delayMs: 500 }, { text: 'both handled' }]);
    const a = send('alpha', 'collect');
    await fake.waitForRequest((r) => r.path === '/v1/chat/completions', 5000);
    const b = send('bravo', 'collect');
    const d = send('delta', 'collect');
    const [ra, rb, rd] = await Promise.all([a.final, b.final, d.final]);
    expect(ra.summary).toBe('first done');
    expect(rb.summary).toBe('both handled');
    expect(rd.summary).toBe('both handled');
    expect(rb.runId).not.toBe(rd.runId);
    const reqs = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(reqs).toHaveLength(2);
    expect(reqs[1]!.body.messages.at(-1)).toEqual({ role: 'user', content: 'bravo\n\ndelta' });
  });

  it('interrupt: a new message aborts the running turn and runs next', async () => {
    const gen = (await c.request('plugins.list')).plugins.find((p: any) => p.id === 'agent').generation;
    gw.writeConfig({ ...config('interrupt'), gateway: { ...gw.readConfig().gateway } });
    await eventually(
      async () =>
        expect((await c.request('plugins.list')).plugins.find((p: any) => p.id === 'agent').generation).toBeGreaterThan(
          gen,
        ),
      10_000,
    );
    fake.reset();
    fake.script([{ hang: true }, { text: 'the new one' }]);
    const x = send('old question', 'interrupt');
    await fake.waitForRequest((r) => r.path === '/v1/chat/completions', 5000);
    const y = send('new question', 'interrupt');
    const [rx, ry] = await Promise.all([x.final, y.final]);
    expect(rx).toMatchObject({ status: 'aborted' });
    expect(rx.summary).toMatch(/interrupted/);
    expect(ry).toMatchObject({ status: 'ok', summary: 'the new one' });
  });
});
