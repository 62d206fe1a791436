import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type GatewayClient, GatewayRequestError } from '../../sdk/client/gateway-client.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';
import { agentConfig, deadBaseUrl, FAKE_KEY_ENV, homeWithAgentsMd, requestText } from './agent-harness.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let c: GatewayClient;
let n = 0;
const key = () => `idem-${Date.now()}-${++n}`;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  const dead = await deadBaseUrl();
  gw = await startGateway({
    home: homeWithAgentsMd('Always greet the user as Captain.'),
    env: FAKE_KEY_ENV,
    config: agentConfig(fake, {
      models: {
        providers: {
          openai: {
            baseUrl: fake.baseUrl,
            apiKey: 'env:FAKE_MODEL_KEY',
            api: 'openai-completions',
            models: [{ id: 'test-model' }],
            maxRetries: 2,
            timeoutMs: 10_000,
          },
          anth: {
            baseUrl: fake.anthropicBaseUrl,
            apiKey: '${FAKE_MODEL_KEY}',
            api: 'anthropic-messages',
            models: [{ id: 'test-model' }],
          },
          badkey: {
            baseUrl: fake.baseUrl,
            apiKey: 'wrong-key',
            api: 'openai-completions',
            models: [{ id: 'test-model' }],
          },
          dead: {
            baseUrl: dead,
            apiKey: 'x',
            api: 'openai-completions',
            models: [{ id: 'test-model' }],
            maxRetries: 0,
          },
          slow: {
            baseUrl: fake.baseUrl,
            apiKey: 'env:FAKE_MODEL_KEY',
            api: 'openai-completions',
            models: [{ id: 'test-model' }],
            timeoutMs: 300,
            maxRetries: 0,
          },
          tiny: {
            baseUrl: fake.baseUrl,
            apiKey: 'env:FAKE_MODEL_KEY',
            api: 'openai-completions',
            models: [{ id: 'test-model', contextWindow: 700, maxTokens: 50 }],
          },
        },
      },
      agents: {
        defaults: { model: { primary: 'openai/test-model' } },
        list: [
          { id: 'main', default: true },
          { id: 'claude', model: 'anth/test-model', systemPrompt: 'You are Claude the tester.' },
          { id: 'badkey', model: 'badkey/test-model' },
          { id: 'fallback', model: { primary: 'dead/test-model', fallbacks: ['openai/test-model'] } },
          { id: 'tiny', model: 'tiny/test-model', tools: { deny: ['*'] } },
          { id: 'notools', tools: { allow: ['sessions_list'] } },
          { id: 'slow', model: 'slow/test-model' },
        ],
      },
    }),
  });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

function agentEvents(runId: string) {
  return c.events.filter((e) => e.event === 'agent' && e.payload?.runId === runId).map((e) => e.payload);
}

describe('agent method', () => {
  it('acks {runId, status:"accepted"}, streams events, then answers {runId, status:"ok", summary}', async () => {
    fake.script({ text: 'Hello there, Captain!' });
    let ack: any;
    const final = await c.request('agent', { message: 'hi', idempotencyKey: key() }, { onAccepted: (p) => (ack = p) });
    expect(ack).toMatchObject({ status: 'accepted', runId: expect.any(String) });
    expect(final).toMatchObject({ runId: ack.runId, status: 'ok', summary: 'Hello there, Captain!' });
    const events = agentEvents(ack.runId);
    expect(events[0]).toMatchObject({ stream: 'lifecycle', data: { phase: 'start' }, seq: 1 });
    expect(events.at(-1)).toMatchObject({ stream: 'lifecycle', data: { phase: 'end', status: 'ok' } });
    const deltas = events.filter((e) => e.stream === 'assistant');
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.map((d) => d.data.delta).join('')).toBe('Hello there, Captain!');
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    for (const e of events) expect(e.ts).toBeTypeOf('number');
    // Workspace AGENTS.md fed the system prompt; the key came from the env var.
    const req = fake.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(req.body.messages[0].role).toBe('system');
    expect(req.body.messages[0].content).toContain('Always greet the user as Captain.');
    expect(req.body.stream).toBe(true);
    expect(req.headers.authorization).toBe('Bearer test-key');
  });

  it('runs tool calls from the stream and feeds results back to the model', async () => {
    fake.script([{ toolCalls: [{ name: 'sessions_list', arguments: { limit: 5 } }] }, { text: 'You have sessions.' }]);
    let runId = '';
    const final = await c.request(
      'agent',
      { message: 'list my sessions', sessionKey: 'tools-test', idempotencyKey: key() },
      { onAccepted: (p) => (runId = p.runId) },
    );
    expect(final.summary).toBe('You have sessions.');
    const tools = agentEvents(runId).filter((e) => e.stream === 'tool');
    expect(tools.map((t) => t.data.phase)).toEqual(['call', 'result']);
    expect(tools[0].data).toMatchObject({ name: 'sessions_list' });
    expect(JSON.parse(tools[0].data.arguments)).toEqual({ limit: 5 });
    expect(tools[1].data.isError).toBe(false);
    expect(JSON.parse(tools[1].data.result).sessions).toBeInstanceOf(Array);
    const second = fake.requests.filter((r) => r.path === '/v1/chat/completions')[1]!;
    const toolMsg = second.body.messages.find((m: any) => m.role === 'tool');
    expect(toolMsg.tool_call_id).toMatch(/^call_/);
    expect(second.body.tools.map((t: any) => t.function.name)).toEqual(
      expect.arrayContaining(['gateway', 'message', 'sessions_history', 'sessions_list']),
    );
    const history = await c.request('chat.history', { sessionKey: 'tools-test' });
    expect(history.sessionKey).toBe('agent:main:tools-test');
    expect(history.messages.map((m: any) => m.role)).toEqual(['user', 'assistant', 'toolResult', 'assistant']);
  });

  it('validates tool arguments against the schema and tells the model what was wrong', async () => {
    fake.script([{ toolCalls: [{ name: 'sessions_history', arguments: { limit: 'many' } }] }, { text: 'sorry' }]);
    let runId = '';
    await c.request(
      'agent',
      { message: 'history?', sessionKey: 'args-test', idempotencyKey: key() },
      { onAccepted: (p) => (runId = p.runId) },
    );
    const result = agentEvents(runId).find((e) => e.stream === 'tool' && e.data.phase === 'result')!;
    expect(result.data.isError).toBe(true);
    expect(result.data.result).toMatch(/invalid arguments for tool sessions_history/);
  });

  it('the message tool fails clearly when the channel is not linked', async () => {
    fake.script([
      { toolCalls: [{ name: 'message', arguments: { channel: 'telegram', to: '42', text: 'hi' } }] },
      { text: 'could not send' },
    ]);
    let runId = '';
    await c.request(
      'agent',
      { message: 'tell 42 hi', sessionKey: 'message-test', idempotencyKey: key() },
      { onAccepted: (p) => (runId = p.runId) },
    );
    const result = agentEvents(runId).find((e) => e.stream === 'tool' && e.data.phase === 'result')!;
    expect(result.data.isError).toBe(true);
    expect(result.data.result).toMatch(/channel "telegram" is not linked/);
  });

  it('applies the per-agent tool policy (only allowed tools are offered)', async () => {
    fake.script({ text: 'ok' });
    await c.request(
      'agent',
      { message: 'x', agentId: 'notools', idempotencyKey: key() },
      { onAccepted: () => undefined },
    );
    const req = fake.requests.find((r) => r.path === '/v1/chat/completions')!;
    expect(req.body.tools.map((t: any) => t.function.name)).toEqual(['sessions_list']);
  });

  it('speaks the Anthropic wire format, streamed tool calls included', async () => {
    fake.script([{ toolCalls: [{ name: 'gateway', arguments: { action: 'status' } }] }, { text: 'All good.' }]);
    let runId = '';
    const final = await c.request(
      'agent',
      { message: 'status?', agentId: 'claude', idempotencyKey: key() },
      { onAccepted: (p) => (runId = p.runId) },
    );
    expect(final).toMatchObject({ status: 'ok', summary: 'All good.' });
    const reqs = fake.requests.filter((r) => r.path === '/v1/messages');
    expect(reqs).toHaveLength(2);
    expect(reqs[0]!.headers['x-api-key']).toBe('test-key');
    expect(reqs[0]!.body.system).toContain('You are Claude the tester.');
    expect(reqs[0]!.body.max_tokens).toBeGreaterThan(0);
    const toolResult = reqs[1]!.body.messages.at(-1).content[0];
    expect(toolResult.type).toBe('tool_result');
    expect(JSON.parse(toolResult.content)).toMatchObject({ ok: true, port: gw.port });
    const call = agentEvents(runId).find((e) => e.stream === 'tool' && e.data.phase === 'call')!;
    expect(JSON.parse(call.data.arguments)).toEqual({ action: 'status' });
  });

  it('retries a 429 (honouring retry-after) and then succeeds', async () => {
    fake.script([{ status: 429, retryAfterSeconds: 1 }, { text: 'after the wait' }]);
    const t0 = Date.now();
    const final = await c.request('agent', { message: 'x', idempotencyKey: key() }, { onAccepted: () => undefined });
    expect(final.summary).toBe('after the wait');
    expect(Date.now() - t0).toBeGreaterThanOrEqual(900);
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(2);
  });

  it('falls back to the next model when the primary provider is unreachable', async () => {
    fake.script({ text: 'from the fallback' });
    const final = await c.request(
      'agent',
      { message: 'x', agentId: 'fallback', idempotencyKey: key() },
      { onAccepted: () => undefined },
    );
    expect(final).toMatchObject({ status: 'ok', summary: 'from the fallback', result: { model: 'openai/test-model' } });
  });

  it('a wrong provider key fails with an error naming the config key to fix', async () => {
    const err = await c
      .request('agent', { message: 'x', agentId: 'badkey', idempotencyKey: key() }, { onAccepted: () => undefined })
      .catch((e) => e);
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect(err.error.message).toContain('models.providers.badkey.apiKey');
    expect(err.error.details).toMatchObject({ errorCode: 'GW_ERR_AGENT_PROVIDER_AUTH', runId: expect.any(String) });
  });

  it('a provider that stops answering hits its idle timeout with an error naming timeoutMs', async () => {
    fake.script({ text: 'too late', delayMs: 1500 });
    const err = await c
      .request('agent', { message: 'x', agentId: 'slow', idempotencyKey: key() }, { onAccepted: () => undefined })
      .catch((e) => e);
    expect(err.error.details.errorCode).toBe('GW_ERR_AGENT_PROVIDER_TIMEOUT');
    expect(err.error.message).toContain('models.providers.slow.timeoutMs');
  });

  it('a session key naming an agent runs that agent', async () => {
    fake.script({ text: 'claude here' });
    const final = await c.request(
      'agent',
      { message: 'x', sessionKey: 'agent:claude:by-key', idempotencyKey: key() },
      { onAccepted: () => undefined },
    );
    expect(final.result).toMatchObject({ sessionKey: 'agent:claude:by-key', model: 'anth/test-model' });
  });

  it('deliver:true to a channel that is not linked is refused before accepting (NOT_LINKED)', async () => {
    let acked = false;
    const err = await c
      .request(
        'agent',
        { message: 'x', deliver: true, channel: 'telegram', to: '42', idempotencyKey: key() },
        { onAccepted: () => (acked = true) },
      )
      .catch((e) => e);
    expect(acked).toBe(false);
    expect(err.error.code).toBe('NOT_LINKED');
    expect(err.error.message).toContain('channels.telegram');
  });

  it('refuses an unknown agent before accepting', async () => {
    let acked = false;
    const err = await c
      .request('agent', { message: 'x', agentId: 'ghost', idempotencyKey: key() }, { onAccepted: () => (acked = true) })
      .catch((e) => e);
    expect(acked).toBe(false);
    expect(err.error.code).toBe('NOT_FOUND');
    expect(err.error.message).toMatch(/unknown agent "ghost".*main/);
  });

  it('an idempotent retry returns the same runId and starts nothing', async () => {
    fake.script({ text: 'once', delayMs: 200 });
    const idem = key();
    const acks: string[] = [];
    const [a, b] = await Promise.all([
      c.request('agent', { message: 'only once', idempotencyKey: idem }, { onAccepted: (p) => acks.push(p.runId) }),
      c.request('agent', { message: 'only once', idempotencyKey: idem }, { onAccepted: (p) => acks.push(p.runId) }),
    ]);
    const again = await c.request(
      'agent',
      { message: 'only once', idempotencyKey: idem },
      { onAccepted: () => undefined },
    );
    expect(a.runId).toBe(b.runId);
    expect(again.runId).toBe(a.runId);
    expect(new Set(acks)).toEqual(new Set([a.runId]));
    expect(fake.requests.filter((r) => r.path === '/v1/chat/completions')).toHaveLength(1);
  });

  it('aborts a running turn with chat.abort', async () => {
    fake.script({ hang: true });
    let runId = '';
    const pending = c.request(
      'agent',
      { message: 'long one', sessionKey: 'abort-test', idempotencyKey: key() },
      { onAccepted: (p) => (runId = p.runId) },
    );
    await fake.waitForRequest((r) => r.path === '/v1/chat/completions', 5000);
    const res = await c.request('chat.abort', { sessionKey: 'abort-test' });
    expect(res).toMatchObject({ ok: true, aborted: true, runIds: [runId] });
    const final = await pending;
    expect(final).toMatchObject({ runId, status: 'aborted' });
    const wait = await c.request('agent.wait', { runId });
    expect(wait.status).toBe('aborted');
  });

  it('times out a run with AGENT_TIMEOUT', async () => {
    fake.script({ hang: true });
    let runId = '';
    const t0 = Date.now();
    const err = await c
      .request(
        'agent',
        { message: 'slow', sessionKey: 'timeout-test', timeout: 1, idempotencyKey: key() },
        { onAccepted: (p) => (runId = p.runId) },
      )
      .catch((e) => e);
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect(err.error.code).toBe('AGENT_TIMEOUT');
    expect(err.error.details).toMatchObject({ runId });
    expect(err.error.message).toMatch(/timed out/);
    // Beside the error, the final payload PROTOCOL.md defines for the agent method.
    expect(err.payload).toMatchObject({ runId, status: 'error', summary: expect.stringMatching(/timed out/) });
    expect(Date.now() - t0).toBeLessThan(5000);
    expect((await c.request('agent.wait', { runId })).status).toBe('timeout');
  });

  it('runs one turn per session at a time, queued messages in order', async () => {
    fake.script([{ text: 'one', delayMs: 300 }, { text: 'two' }, { text: 'three' }]);
    const finals = await Promise.all(
      ['first', 'second', 'third'].map((m) =>
        c.request(
          'agent',
          { message: m, sessionKey: 'queue-test', idempotencyKey: key() },
          { onAccepted: () => undefined },
        ),
      ),
    );
    expect(finals.map((f) => f.summary)).toEqual(['one', 'two', 'three']);
    const reqs = fake.requests.filter((r) => r.path === '/v1/chat/completions');
    expect(reqs).toHaveLength(3);
    // The second request was built after the first turn ended: it carries the first answer.
    const second = reqs[1]!.body.messages.map((m: any) => `${m.role}:${m.content}`);
    expect(second).toEqual(expect.arrayContaining(['user:first', 'assistant:one', 'user:second']));
    expect(second.at(-1)).toBe('user:second');
  });

  it('agent.wait returns the outcome of a finished run and NOT_FOUND for unknown ids', async () => {
    fake.script({ text: 'waited' });
    let runId = '';
    await c.request('agent', { message: 'x', idempotencyKey: key() }, { onAccepted: (p) => (runId = p.runId) });
    expect(await c.request('agent.wait', { runId })).toMatchObject({ runId, status: 'ok', summary: 'waited' });
    const err = await c.request('agent.wait', { runId: 'nope' }).catch((e) => e);
    expect(err.error.code).toBe('NOT_FOUND');
  });

  it('truncates the oldest turns to fit the context window, never the newest', async () => {
    const long = (tag: string) => `${tag} ${'x'.repeat(1200)}`;
    for (const tag of ['alpha', 'beta', 'gamma']) {
      fake.script({ text: `ok ${tag}` });
      await c.request(
        'agent',
        { message: long(tag), agentId: 'tiny', sessionKey: 'agent:tiny:ctx', idempotencyKey: key() },
        { onAccepted: () => undefined },
      );
    }
    const last = fake.requests.filter((r) => r.path === '/v1/chat/completions').at(-1)!;
    const text = requestText(last.body);
    expect(text).toContain('gamma');
    expect(text).not.toContain('alpha');
    // A message that cannot fit at all is refused with a clear error, not silently dropped.
    const err = await c
      .request(
        'agent',
        { message: 'y'.repeat(5000), agentId: 'tiny', sessionKey: 'agent:tiny:ctx', idempotencyKey: key() },
        { onAccepted: () => undefined },
      )
      .catch((e) => e);
    expect(err.error.code).toBe('INVALID_REQUEST');
    expect(err.error.message).toMatch(/contextWindow/);
  });
});

describe('chat and sessions methods', () => {
  it('chat.send starts a run at once and streams chat events to the final message', async () => {
    fake.script({ text: 'chat reply', chunkDelayMs: 20 });
    const res = await c.request('chat.send', { sessionKey: 'main', message: 'hello chat', idempotencyKey: key() });
    expect(res).toMatchObject({ status: 'started', runId: expect.any(String), sessionKey: 'agent:main:main' });
    const final = await c.waitForEvent(
      (e) => e.event === 'chat' && e.payload?.runId === res.runId && e.payload.state === 'final',
      5000,
    );
    expect(final.payload.message.content[0].text).toBe('chat reply');
    expect(
      c.events.some((e) => e.event === 'chat' && e.payload?.runId === res.runId && e.payload.state === 'delta'),
    ).toBe(true);
    const hist = await c.request('chat.history', { sessionKey: 'agent:main:main', limit: 2 });
    expect(hist.messages.map((m: any) => m.content[0].text)).toEqual(['hello chat', 'chat reply']);
  });

  it('lists, previews, patches, resets and deletes sessions', async () => {
    fake.script({ text: 'for the list' });
    await c.request(
      'agent',
      { message: 'session work', sessionKey: 'lifecycle-s', idempotencyKey: key() },
      { onAccepted: () => undefined },
    );
    const list = await c.request('sessions.list', { search: 'lifecycle-s' });
    expect(list.sessions).toHaveLength(1);
    expect(list.sessions[0]).toMatchObject({
      key: 'agent:main:lifecycle-s',
      agentId: 'main',
      messageCount: 2,
      running: false,
    });
    expect(list.sessions[0].totalTokens).toBeGreaterThan(0);
    const preview = await c.request('sessions.preview', { keys: ['agent:main:lifecycle-s', 'agent:main:missing'] });
    expect(preview.previews[0]).toMatchObject({
      status: 'ok',
      items: [
        { role: 'user', text: 'session work' },
        { role: 'assistant', text: 'for the list' },
      ],
    });
    expect(preview.previews[1].status).toBe('missing');
    const patched = await c.request('sessions.patch', {
      key: 'agent:main:lifecycle-s',
      label: 'Work',
      model: 'anth/test-model',
    });
    expect(patched.entry).toMatchObject({ label: 'Work', model: 'anth/test-model' });
    const bad = await c
      .request('sessions.patch', { key: 'agent:main:lifecycle-s', model: 'openai/nope' })
      .catch((e) => e);
    expect(bad.error.message).toContain('models.providers.openai.models');
    // The session's model override is used by the next run.
    fake.script({ text: 'via anthropic' });
    await c.request(
      'agent',
      { message: 'again', sessionKey: 'lifecycle-s', idempotencyKey: key() },
      { onAccepted: () => undefined },
    );
    expect(fake.requests.some((r) => r.path === '/v1/messages')).toBe(true);
    const before = (await c.request('sessions.list', { search: 'lifecycle-s' })).sessions[0];
    const reset = await c.request('sessions.reset', { key: 'agent:main:lifecycle-s' });
    expect(reset.entry.sessionId).not.toBe(before.sessionId);
    expect(reset.entry.messageCount).toBe(0);
    expect(reset.entry.label).toBe('Work');
    expect((await c.request('sessions.delete', { key: 'agent:main:lifecycle-s' })).deleted).toBe(true);
    expect((await c.request('sessions.list', { search: 'lifecycle-s' })).sessions).toHaveLength(0);
    const main = await c.request('sessions.delete', { key: 'agent:main:main' }).catch((e) => e);
    expect(main.error.message).toMatch(/sessions.reset/);
  });

  it('health and status read the session count and queue depth', async () => {
    const health = await c.request('health');
    expect(health.sessions.count).toBeGreaterThan(0);
    const status = await c.request('status');
    expect(status.agentQueueDepth).toBe(0);
  });

  it('status shows a session at once after a turn, though it keeps its session reads between writes', async () => {
    const keys = (status: any) => status.sessions.recent.map((r: any) => r.key);
    const before = await c.request('status');
    const again = await c.request('status');
    expect([again.sessions.count, keys(again)]).toEqual([before.sessions.count, keys(before)]);
    await c.request(
      'agent',
      { message: 'hello', sessionKey: 'status-fresh', idempotencyKey: key() },
      { onAccepted: () => undefined },
    );
    const after = await c.request('status');
    expect(after.sessions.count).toBe(before.sessions.count + 1);
    expect(after.sessions.recent[0]).toMatchObject({ key: 'agent:main:status-fresh', kind: 'direct' });
    expect((await c.request('health')).sessions.count).toBe(after.sessions.count);
    await c.request('sessions.delete', { key: 'agent:main:status-fresh' });
    expect((await c.request('status')).sessions.count).toBe(before.sessions.count);
  });
});
