import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { newDeviceKey } from '../kernel/device-key.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { LegacyClient, LegacyDeviceAuthStore, LegacyRequestError } from './legacy-client.js';
import { type FrameContext, readOnlyCalls, writingCalls } from './recorded-frames.js';

// Existing Moltbot clients (2026.1.27) against the real gateway: recorded frames in, the answers
// they read checked. Issue 11 items 1, 2 and 4.

let fake: FakeModelProvider;
let gw: GatewayProcess;
const identity = newDeviceKey();
const authStore = new LegacyDeviceAuthStore();

/** The control UI's connection: client `moltbot-control-ui`, mode `webchat`, the CLI's scopes. */
function controlUi(): Promise<LegacyClient> {
  return LegacyClient.connect({
    url: gw.url,
    token: gw.token,
    identity,
    authStore,
    clientName: 'moltbot-control-ui',
    mode: 'webchat',
    instanceId: crypto.randomUUID(),
    scopes: ['operator.admin', 'operator.approvals', 'operator.pairing'],
  });
}

beforeAll(async () => {
  fake = await startFakeModelProvider();
  const config = agentConfig(fake);
  config.models.providers.openai.models = [
    {
      id: 'test-model',
      name: 'Test Model',
      contextWindow: 32_000,
      cost: { input: 2, output: 8, cacheRead: 0.5, cacheWrite: 0 },
    },
  ];
  config.agents.list = [{ id: 'main', name: 'Molty', identity: { name: 'Molty', emoji: '🦞' } }];
  gw = await startReady({ env: FAKE_KEY_ENV, config });
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});

describe('item 1: chat.abort with the idempotency key existing clients use as the run id', () => {
  it('the control UI stops a running chat.send by {sessionKey, runId: idempotencyKey}', async () => {
    const ui = await controlUi();
    fake.script({ text: 'a long answer that streams slowly, word by word, on and on', chunkDelayMs: 150 });
    const runId = crypto.randomUUID();
    const sessionKey = 'agent:main:abort-test';
    const sent = await ui.request('chat.send', {
      sessionKey,
      message: 'tell me a story',
      deliver: false,
      idempotencyKey: runId,
    });
    expect(sent.runId).toBe(runId);
    await ui.waitEvent((e) => e.event === 'chat' && e.payload.runId === runId && e.payload.state === 'delta');
    const aborted = await ui.request('chat.abort', { sessionKey, runId });
    expect(aborted).toMatchObject({ ok: true, aborted: true, runIds: [runId] });
    const end = await ui.waitEvent(
      (e) => e.event === 'chat' && e.payload.runId === runId && e.payload.state !== 'delta',
    );
    expect(end.payload.state).toBe('aborted');
    ui.close();
  });

  it('the CLI `agent` command waits on the run by the key it sent', async () => {
    const ui = await controlUi();
    const idempotencyKey = crypto.randomUUID();
    const final = await ui.request(
      'agent',
      {
        message: 'ping',
        agentId: 'main',
        sessionKey: 'agent:main:cli-run',
        deliver: false,
        channel: 'whatsapp',
        timeout: 600,
        idempotencyKey,
      },
      { expectFinal: true },
    );
    expect(final).toMatchObject({ runId: idempotencyKey, status: 'ok', summary: 'echo: ping' });
    // The CLI prints result.payloads[].text.
    expect(final.result.payloads).toEqual([{ text: 'echo: ping' }]);
    expect(await ui.request('agent.wait', { runId: idempotencyKey, timeoutMs: 1000 })).toMatchObject({ status: 'ok' });
    ui.close();
  });
});

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';

describe('image attachments of the control UI reach the model', () => {
  it('chat.send attachments [{type:"image", mimeType, content}] become image parts of the user message', async () => {
    const ui = await controlUi();
    fake.reset();
    const runId = crypto.randomUUID();
    await ui.request('chat.send', {
      sessionKey: 'agent:main:images',
      message: 'what is this?',
      deliver: false,
      idempotencyKey: runId,
      attachments: [{ type: 'image', mimeType: 'image/png', fileName: 'dot.png', content: PNG_1X1 }],
    });
    const req = await fake.waitForRequest((r) => r.method === 'POST');
    const user = req.body.messages.at(-1);
    expect(user.role).toBe('user');
    expect(user.content).toEqual([
      { type: 'text', text: 'what is this?' },
      { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}` } },
    ]);
    await ui.waitEvent((e) => e.event === 'chat' && e.payload.runId === runId && e.payload.state === 'final');
    const notImage = await ui
      .request('chat.send', {
        sessionKey: 'agent:main:images',
        message: 'and this?',
        idempotencyKey: crypto.randomUUID(),
        attachments: [
          { type: 'file', mimeType: 'image/png', content: Buffer.from('%PDF-1.4 not an image').toString('base64') },
        ],
      })
      .catch((e) => e);
    expect(notImage).toMatchObject({ code: 'INVALID_REQUEST', details: { errorCode: 'GW_ERR_AGENT_IMAGE_INVALID' } });
    ui.close();
  });
});

describe('item 2: the params existing clients send are accepted', () => {
  it('`moltbot channels status` ({probe:false, timeoutMs:10000}) gets the shape the CLI prints', async () => {
    const ui = await controlUi();
    const status = await ui.request('channels.status', { probe: false, timeoutMs: 10_000 });
    expect(status).toMatchObject({
      channelOrder: expect.any(Array),
      channelLabels: expect.any(Object),
      channelAccounts: expect.any(Object),
    });
    expect(typeof status.ts).toBe('number');
    ui.close();
  });

  it('every recorded frame passes validation (answers are never INVALID_REQUEST)', async () => {
    const ui = await controlUi();
    // A second device: the frames rotate its token, not the one this connection stored.
    const other = newDeviceKey();
    (
      await LegacyClient.connect({
        url: gw.url,
        token: gw.token,
        identity: other,
        authStore: new LegacyDeviceAuthStore(),
      })
    ).close();
    const ctx: FrameContext = {
      sessionKey: 'agent:main:recorded',
      deviceId: other.id,
      idempotencyKey: () => crypto.randomUUID(),
    };
    const refused: string[] = [];
    for (const call of [...readOnlyCalls(ctx), ...writingCalls(ctx)]) {
      const err = await ui.request(call.method, call.params, { expectFinal: call.method === 'agent' }).then(
        () => undefined,
        (e: unknown) => e,
      );
      if (err instanceof LegacyRequestError && err.code === 'INVALID_REQUEST')
        refused.push(`${call.method} from ${call.from}: ${err.message}`);
    }
    expect(refused).toEqual([]);
    ui.close();
  });
});

describe('item 4: methods existing clients call', () => {
  it('agents.list, agent.identity.get and models.list answer in the shapes the TUI and control UI read', async () => {
    const ui = await controlUi();
    const agents = await ui.request('agents.list', {});
    expect(agents).toMatchObject({ defaultId: 'main', mainKey: 'main', scope: 'per-sender' });
    expect(agents.agents[0]).toMatchObject({ id: 'main', name: 'Molty', identity: { name: 'Molty', emoji: '🦞' } });
    expect(await ui.request('agent.identity.get', { sessionKey: 'agent:main:main' })).toMatchObject({
      agentId: 'main',
      name: 'Molty',
      emoji: '🦞',
    });
    const models = await ui.request('models.list');
    expect(models.models).toContainEqual(
      expect.objectContaining({ id: 'test-model', name: 'Test Model', provider: 'openai', contextWindow: 32_000 }),
    );
    ui.close();
  });

  it('health has agents, defaultAgentId, heartbeatSeconds, the session store (as `moltbot health` reads)', async () => {
    const ui = await controlUi();
    const health = await ui.request('health');
    expect(health.defaultAgentId).toBe('main');
    expect(health.heartbeatSeconds).toBe(0);
    expect(health.sessions).toMatchObject({
      path: expect.stringMatching(/moltbot\.sqlite$/),
      count: expect.any(Number),
    });
    expect(Array.isArray(health.sessions.recent)).toBe(true);
    expect(health.agents[0]).toMatchObject({
      agentId: 'main',
      name: 'Molty',
      isDefault: true,
      heartbeat: { enabled: false, everyMs: null, target: 'last', ackMaxChars: 300 },
      sessions: { path: health.sessions.path },
    });
    expect(health.channelOrder).toEqual([]);
    ui.close();
  });

  it('sessions.resolve answers the key for a key, a session id or a label (the ACP bridge, agent tools)', async () => {
    const ui = await controlUi();
    const sessionKey = `agent:main:resolve-${crypto.randomUUID()}`;
    const label = `Resolve ${crypto.randomUUID().slice(0, 8)}`;
    await ui.request('sessions.patch', { key: sessionKey, label });
    // src/acp/session-mapper.ts: {label}, then {key} when the session must exist.
    expect(await ui.request('sessions.resolve', { label })).toEqual({ ok: true, key: sessionKey });
    expect(await ui.request('sessions.resolve', { key: sessionKey })).toEqual({ ok: true, key: sessionKey });
    // src/agents/tools/sessions-helpers.ts: {sessionId, includeGlobal, includeUnknown}.
    const { sessions } = await ui.request('sessions.list', { search: sessionKey });
    const sessionId = sessions.find((s: any) => s.key === sessionKey).sessionId;
    expect(await ui.request('sessions.resolve', { sessionId, includeGlobal: true, includeUnknown: true })).toEqual({
      ok: true,
      key: sessionKey,
    });
    const missing = await ui.request('sessions.resolve', { label: 'no such label' }).catch((e: unknown) => e);
    expect(missing).toMatchObject({ code: 'NOT_FOUND', message: expect.stringContaining('no such label') });
    const two = await ui.request('sessions.resolve', { key: sessionKey, label }).catch((e: unknown) => e);
    expect(two).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringContaining('exactly one') });
    ui.close();
  });

  it('usage.cost and sessions.usage price the transcript with models.providers.*.models[].cost', async () => {
    const ui = await controlUi();
    const sessionKey = `agent:main:usage-${crypto.randomUUID()}`;
    await ui.request(
      'agent',
      { message: 'count my tokens', sessionKey, idempotencyKey: crypto.randomUUID() },
      { expectFinal: true },
    );
    const cost = await ui.request('usage.cost', { days: 7 });
    expect(cost.days).toBe(7);
    expect(cost.totals.input).toBeGreaterThan(0);
    expect(cost.totals.totalCost).toBeCloseTo((cost.totals.input * 2 + cost.totals.output * 8) / 1e6, 12);
    expect(cost.daily.at(-1).date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const usage = await ui.request('sessions.usage', { key: sessionKey });
    expect(usage.sessions).toHaveLength(1);
    expect(usage.sessions[0]).toMatchObject({ key: sessionKey, agentId: 'main' });
    expect(usage.sessions[0].usage.messageCounts).toMatchObject({ user: 1, assistant: 1 });
    expect(usage.sessions[0].usage.totalCost).toBeGreaterThan(0);
    expect(usage.aggregates.byModel[0]).toMatchObject({ provider: 'openai', model: 'test-model', count: 1 });
    ui.close();
  });
});
