import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentConfig, FAKE_KEY_ENV, requestText } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';

let fake: FakeModelProvider;
let gw: GatewayProcess;
let client: OpenAI;
let base: string;

beforeAll(async () => {
  fake = await startFakeModelProvider();
  gw = await startGateway({
    env: FAKE_KEY_ENV,
    config: agentConfig(fake, {
      agents: {
        defaults: { model: 'openai/test-model' },
        list: [
          { id: 'main', default: true },
          { id: 'claude', name: 'Claude', model: 'anth/test-model' },
        ],
      },
      gateway: { http: { endpoints: { chatCompletions: { enabled: true, maxBodyBytes: 64 * 1024 } } } },
    }),
  });
  base = `http://127.0.0.1:${gw.port}`;
  client = new OpenAI({ baseURL: `${base}/v1`, apiKey: gw.token, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

const completions = () => fake.requests.filter((r) => r.path === '/v1/chat/completions' || r.path === '/v1/messages');

describe('POST /v1/chat/completions with the official openai client', () => {
  it('answers a non-streamed completion', async () => {
    fake.script({ text: 'Hello from the agent.' });
    const res = await client.chat.completions.create({
      model: 'moltbot:main',
      messages: [
        { role: 'system', content: 'Be brief.' },
        { role: 'user', content: 'hi' },
      ],
    });
    expect(res.object).toBe('chat.completion');
    expect(res.model).toBe('moltbot:main');
    expect(res.choices[0]!.message).toMatchObject({ role: 'assistant', content: 'Hello from the agent.' });
    expect(res.choices[0]!.finish_reason).toBe('stop');
    expect(res.usage!.total_tokens).toBeGreaterThan(0);
    // The client's system message joined the agent's system prompt.
    expect(completions()[0]!.body.messages[0].content).toContain('Be brief.');
  });

  it('streams SSE chunks ending with [DONE]', async () => {
    fake.script({ text: 'one two three four', chunkDelayMs: 10 });
    const stream = await client.chat.completions.create({
      model: 'agent:main',
      stream: true,
      messages: [{ role: 'user', content: 'count' }],
    });
    const pieces: string[] = [];
    const finishes: Array<string | null> = [];
    for await (const chunk of stream) {
      expect(chunk.object).toBe('chat.completion.chunk');
      for (const choice of chunk.choices) {
        if (choice.delta.content) pieces.push(choice.delta.content);
        finishes.push(choice.finish_reason);
      }
    }
    expect(pieces.length).toBeGreaterThan(2);
    expect(pieces.join('')).toBe('one two three four');
    expect(finishes.at(-1)).toBe('stop');
    // Raw wire check: the stream ends with data: [DONE].
    fake.script({ text: 'raw' });
    const raw = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'moltbot:main', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(raw.headers.get('content-type')).toContain('text/event-stream');
    const text = await raw.text();
    expect(text.trim().endsWith('data: [DONE]')).toBe(true);
  });

  it('a client that goes away mid-stream aborts its run', async () => {
    fake.script({ hang: true });
    const ws = await gw.client();
    const ctl = new AbortController();
    const res = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      signal: ctl.signal,
      headers: {
        authorization: `Bearer ${gw.token}`,
        'content-type': 'application/json',
        'x-moltbot-session-key': 'agent:main:gone',
      },
      body: JSON.stringify({ model: 'moltbot:main', stream: true, messages: [{ role: 'user', content: 'x' }] }),
    });
    expect(res.status).toBe(200);
    const start = await ws.waitForEvent(
      (e) => e.event === 'agent' && e.payload.sessionKey === 'agent:main:gone' && e.payload.stream === 'lifecycle',
      5000,
    );
    await fake.waitForRequest((r) => r.path === '/v1/chat/completions', 5000);
    ctl.abort();
    const wait = await ws.request('agent.wait', { runId: start.payload.runId, timeoutMs: 5000 });
    expect(wait.status).toBe('aborted');
    ws.close();
  });

  it('refuses a wrong key with 401 (AuthenticationError)', async () => {
    const bad = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'not-the-token', maxRetries: 0 });
    const err = await bad.chat.completions
      .create({ model: 'moltbot:main', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(err.status).toBe(401);
    expect(completions()).toHaveLength(0);
  });

  it('`user` gives a stable session; requests without it are independent', async () => {
    fake.script([{ text: 'first answer' }, { text: 'second answer' }, { text: 'other user' }]);
    await client.chat.completions.create({
      model: 'moltbot:main',
      user: 'alice',
      messages: [{ role: 'user', content: 'remember the word kiwi' }],
    });
    await client.chat.completions.create({
      model: 'moltbot:main',
      user: 'alice',
      messages: [{ role: 'user', content: 'what was the word?' }],
    });
    await client.chat.completions.create({
      model: 'moltbot:main',
      user: 'bob',
      messages: [{ role: 'user', content: 'hello' }],
    });
    const [, second, third] = completions();
    expect(requestText(second!.body)).toContain('remember the word kiwi');
    expect(requestText(second!.body)).toContain('first answer');
    expect(requestText(third!.body)).not.toContain('kiwi');
    const ws = await gw.client();
    const list = await ws.request('sessions.list', { search: 'openai-user' });
    expect(list.sessions.map((s: any) => s.key)).toEqual(
      expect.arrayContaining(['agent:main:openai-user:alice', 'agent:main:openai-user:bob']),
    );
    ws.close();
  });

  it('x-moltbot-session-key picks the session', async () => {
    fake.script([{ text: 'a' }, { text: 'b' }]);
    const opts = { headers: { 'x-moltbot-session-key': 'agent:main:http-chosen' } };
    await client.chat.completions.create(
      { model: 'moltbot:main', messages: [{ role: 'user', content: 'marker-123' }] },
      opts,
    );
    await client.chat.completions.create(
      { model: 'moltbot:main', messages: [{ role: 'user', content: 'again' }] },
      opts,
    );
    expect(requestText(completions()[1]!.body)).toContain('marker-123');
  });

  it('selects the agent by model or by x-moltbot-agent-id header', async () => {
    fake.script([{ text: 'claude by model' }, { text: 'claude by header' }]);
    const a = await client.chat.completions.create({
      model: 'moltbot:claude',
      messages: [{ role: 'user', content: 'x' }],
    });
    const b = await client.chat.completions.create(
      { model: 'gpt-4o', messages: [{ role: 'user', content: 'y' }] },
      { headers: { 'x-moltbot-agent-id': 'claude' } },
    );
    expect(a.choices[0]!.message.content).toBe('claude by model');
    expect(b.choices[0]!.message.content).toBe('claude by header');
    expect(completions().map((r) => r.path)).toEqual(['/v1/messages', '/v1/messages']);
  });

  it('an unknown agent is a 404 in OpenAI error shape', async () => {
    const err = await client.chat.completions
      .create({ model: 'moltbot:ghost', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.NotFoundError);
    expect(err.error).toMatchObject({ type: 'not_found_error', code: 'GW_ERR_AGENT_UNKNOWN' });
    expect(err.error.message).toMatch(/unknown agent "ghost"/);
  });

  it('a provider failure after retries is a clear error, not a hang', async () => {
    fake.script([{ status: 500 }, { status: 500 }, { status: 500 }]);
    const err = await client.chat.completions
      .create({ model: 'moltbot:main', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.APIError);
    expect(err.status).toBe(502);
    expect(err.error.code).toBe('GW_ERR_AGENT_PROVIDER_FAILED');
    expect(completions()).toHaveLength(3);
  });

  it('bad bodies: 400 for missing messages, 415 for non-JSON, 413 over the limit, 405 for GET', async () => {
    const headers = { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' };
    const r400 = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ model: 'moltbot:main' }),
    });
    expect(r400.status).toBe(400);
    expect((await r400.json()).error).toMatchObject({
      type: 'invalid_request_error',
      message: expect.stringContaining('"messages"'),
    });
    const r415 = await fetch(`${base}/v1/chat/completions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(r415.status).toBe(415);
    expect((await r415.json()).error.code).toBe('unsupported_media_type');
    const big = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    const r413 = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers, body: big });
    expect(r413.status).toBe(413);
    const r405 = await fetch(`${base}/v1/chat/completions`, { headers });
    expect(r405.status).toBe(405);
    const badJson = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers, body: '{nope' });
    expect(badJson.status).toBe(400);
    expect(completions()).toHaveLength(0);
  });
});

describe('GET /v1/models', () => {
  it('lists the agents as models', async () => {
    const models = [];
    for await (const m of client.models.list()) models.push(m.id);
    expect(models).toEqual(['moltbot:main', 'moltbot:claude']);
    const one = await client.models.retrieve('moltbot:claude');
    expect(one.owned_by).toBe('moltbot');
  });
});
