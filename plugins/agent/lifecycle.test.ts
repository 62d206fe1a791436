import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayClient, GatewayRequestError } from '../../sdk/client/gateway-client.js';
import { agentConfig, FAKE_KEY_ENV } from '../../test/agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../../test/fakes/model-provider.js';
import { eventually } from '../../test/support/eventually.js';
import { type GatewayProcess, startGateway } from '../../test/support/gateway-process.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let n = 0;
const key = () => `life-${++n}`;
const fast = { gateway: { reload: { debounceMs: 50 } } };
const accepted = { onAccepted: () => undefined };

async function pluginState(client: GatewayClient, id: string) {
  return (await client.request('plugins.list')).plugins.find((p: any) => p.id === id);
}

beforeAll(async () => {
  fake = await startFakeModelProvider();
  // No model provider configured: the gateway must still run.
  gw = await startGateway({ env: FAKE_KEY_ENV, config: fast });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await fake?.close();
});

describe('agent plugin lifecycle', () => {
  it('loads by default; with no provider the gateway runs and agent requests fail clearly', async () => {
    const agent = await pluginState(c, 'agent');
    expect(agent.state).toBe('active');
    expect(agent.methods).toEqual([
      'agent',
      'agent.identity.get',
      'agent.wait',
      'agents.list',
      'chat.abort',
      'chat.history',
      'chat.send',
      'last-heartbeat',
      'models.list',
      'sessions.delete',
      'sessions.list',
      'sessions.patch',
      'sessions.preview',
      'sessions.reset',
      'sessions.resolve',
      'sessions.usage',
      'set-heartbeats',
      'usage.cost',
      'wake',
    ]);
    expect(c.hello.features.events).toEqual(expect.arrayContaining(['agent', 'chat']));
    let acked = false;
    const err = await c
      .request('agent', { message: 'hi', idempotencyKey: key() }, { onAccepted: () => (acked = true) })
      .catch((e) => e);
    expect(acked).toBe(false);
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect(err.error.code).toBe('UNAVAILABLE');
    expect(err.error.message).toContain('models.providers');
    expect(err.error.message).toContain('agents.defaults.model.primary');
    expect((await c.request('health')).ok).toBe(true);
    // The OpenAI-compatible endpoints are off by default; tools/invoke is on.
    expect((await pluginState(c, 'openai-http')).state).toBe('disabled');
    expect((await pluginState(c, 'responses-http')).state).toBe('disabled');
    expect((await pluginState(c, 'tools-invoke')).state).toBe('active');
    const res = await fetch(`http://127.0.0.1:${gw.port}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(res.status).toBe(404);
  });

  it('reloads on a config edit and serves with the new config', async () => {
    const before = (await pluginState(c, 'agent')).generation;
    gw.writeConfig({ ...gw.readConfig(), ...agentConfig(fake) });
    await eventually(async () => expect((await pluginState(c, 'agent')).generation).toBeGreaterThan(before), 10_000);
    fake.script({ text: 'configured now' });
    expect((await c.request('agent', { message: 'x', idempotencyKey: key() }, accepted)).summary).toBe(
      'configured now',
    );
  });

  it('a reload while a turn runs lets the old generation finish it', async () => {
    fake.script({ text: 'finished across the reload', delayMs: 1200 });
    const pending = c.request('agent', { message: 'slow', sessionKey: 'reload-run', idempotencyKey: key() }, accepted);
    await fake.waitForRequest(
      (r) => r.path === '/v1/chat/completions' && JSON.stringify(r.body).includes('slow'),
      5000,
    );
    const reloaded = await c.request('plugins.reload', { id: 'agent' });
    expect(reloaded.plugin.state).toBe('active');
    expect((await pending).summary).toBe('finished across the reload');
    // The new generation serves the same session and sees the transcript.
    fake.script({ text: 'next' });
    await c.request('agent', { message: 'after', sessionKey: 'reload-run', idempotencyKey: key() }, accepted);
    const history = await c.request('chat.history', { sessionKey: 'reload-run' });
    expect(history.messages.map((m: any) => m.content[0].text)).toEqual([
      'slow',
      'finished across the reload',
      'after',
      'next',
    ]);
  });

  it('an in-process restart (the gateway tool) drains the running turn first', async () => {
    fake.script([
      { toolCalls: [{ name: 'gateway', arguments: { action: 'restart', delayMs: 100 } }] },
      { text: 'restart scheduled', delayMs: 800 },
    ]);
    const pid = gw.pid;
    let runId = '';
    const final = await c.request(
      'agent',
      { message: 'restart yourself', idempotencyKey: key() },
      { onAccepted: (p) => (runId = p.runId) },
    );
    expect(final).toMatchObject({ status: 'ok', summary: 'restart scheduled' });
    await eventually(() => expect(c.closeCode).toBe(1012), 10_000);
    c = await eventually(() => gw.client(), 15_000);
    expect(gw.pid).toBe(pid);
    expect((await c.request('status')).pid).toBe(pid);
    // The run's record survived the restart.
    expect(await c.request('agent.wait', { runId })).toMatchObject({
      runId,
      status: 'ok',
      summary: 'restart scheduled',
    });
  });

  it('unloads when disabled: no methods, events, tools or services are left', async () => {
    gw.writeConfig({ ...gw.readConfig(), plugins: { entries: { agent: { enabled: false } } } });
    await eventually(async () => expect((await pluginState(c, 'agent')).state).toBe('disabled'), 10_000);
    const agent = await pluginState(c, 'agent');
    expect(agent.methods).toEqual([]);
    expect(agent.routes).toEqual([]);
    const fresh = await gw.client();
    expect(fresh.hello.features.methods).not.toContain('agent');
    expect(fresh.hello.features.methods).not.toContain('sessions.list');
    expect(fresh.hello.features.events).not.toContain('agent');
    const err = await fresh.request('agent', { message: 'x', idempotencyKey: key() }).catch((e) => e);
    expect(err.error.code).toBe('NOT_FOUND');
    // Tools and the agent service are gone: tools/invoke has nothing to run them with.
    const res = await fetch(`http://127.0.0.1:${gw.port}/tools/invoke`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' },
      body: '{"tool":"sessions_list"}',
    });
    expect(res.status).toBe(503);
    expect((await fresh.request('status')).agentQueueDepth).toBe(0);
    expect((await fresh.request('health')).sessions.count).toBe(0);
    fresh.close();
  });
});
