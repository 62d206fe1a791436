import OpenAI from 'openai';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type FakeModelProvider, startFakeModelProvider } from './model-provider.js';

let provider: FakeModelProvider;
let client: OpenAI;

beforeEach(async () => {
  provider = await startFakeModelProvider();
  client = new OpenAI({ apiKey: 'test-key', baseURL: provider.baseUrl, maxRetries: 0 });
});

afterEach(async () => {
  await provider.close();
});

const weatherTool = {
  type: 'function' as const,
  function: { name: 'get_weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
};

async function anthropic(body: Record<string, unknown>, key = 'test-key'): Promise<Response> {
  return fetch(`${provider.anthropicBaseUrl}/v1/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key, 'anthropic-version': '2023-06-01' },
    body: JSON.stringify({ model: 'test-model', max_tokens: 256, ...body }),
  });
}

/** Parses an SSE body into `[event, data]` pairs. */
async function readEvents(response: Response): Promise<Array<[string | undefined, unknown]>> {
  const text = await response.text();
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '';
      return [event, JSON.parse(data)];
    });
}

describe('fake model provider, OpenAI Chat Completions', () => {
  it('answers a scripted text reply and records what the model saw', async () => {
    provider.script({ text: 'hello there' });
    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [
        { role: 'system', content: 'be brief' },
        { role: 'user', content: 'hi' },
      ],
      tools: [weatherTool],
    });
    expect(completion.choices[0]?.message.content).toBe('hello there');
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
    const [request] = provider.requests;
    expect(request?.api).toBe('openai');
    expect(request?.headers.authorization).toBe('Bearer test-key');
    expect(request?.body.messages[1]).toEqual({ role: 'user', content: 'hi' });
    expect(request?.body.tools[0].function.name).toBe('get_weather');
  });

  it('echoes the last user message once the script is empty', async () => {
    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: [{ type: 'text', text: 'ping' }] }],
    });
    expect(completion.choices[0]?.message.content).toBe('echo: ping');
  });

  it('returns tool calls without streaming', async () => {
    provider.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] });
    const completion = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
    });
    const choice = completion.choices[0];
    expect(choice?.finish_reason).toBe('tool_calls');
    expect(choice?.message.content).toBeNull();
    const call = choice?.message.tool_calls?.[0];
    expect(call?.type === 'function' && call.function.name).toBe('get_weather');
    expect(call?.type === 'function' && JSON.parse(call.function.arguments)).toEqual({ city: 'Paris' });
  });

  it('streams text and tool-call deltas split over several chunks', async () => {
    provider.script({
      text: 'Let me check that.',
      toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris', unit: 'celsius' } }],
    });
    const stream = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'weather?' }],
      tools: [weatherTool],
      stream: true,
      stream_options: { include_usage: true },
    });
    let text = '';
    let argumentChunks = 0;
    const calls: Array<{ id?: string; name?: string; arguments: string }> = [];
    let finish: string | null = null;
    let usageSeen = false;
    for await (const chunk of stream) {
      if (chunk.usage) usageSeen = true;
      const choice = chunk.choices[0];
      if (!choice) continue;
      text += choice.delta.content ?? '';
      for (const delta of choice.delta.tool_calls ?? []) {
        const call = (calls[delta.index] ??= { arguments: '' });
        call.id ??= delta.id;
        call.name ??= delta.function?.name;
        if (delta.function?.arguments) {
          call.arguments += delta.function.arguments;
          argumentChunks++;
        }
      }
      finish = choice.finish_reason ?? finish;
    }
    expect(text).toBe('Let me check that.');
    expect(calls).toHaveLength(1);
    expect(calls[0]?.id).toMatch(/^call_/);
    expect(calls[0]?.name).toBe('get_weather');
    expect(JSON.parse(calls[0]?.arguments ?? '')).toEqual({ city: 'Paris', unit: 'celsius' });
    expect(argumentChunks).toBeGreaterThan(1);
    expect(finish).toBe('tool_calls');
    expect(usageSeen).toBe(true);
  });

  it('answers 429 in the OpenAI error shape with retry-after', async () => {
    provider.script({ status: 429, retryAfterSeconds: 7 });
    const error = await client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    const rateLimit = error as InstanceType<typeof OpenAI.RateLimitError>;
    expect(rateLimit.status).toBe(429);
    expect(rateLimit.code).toBe('rate_limit_exceeded');
    expect(rateLimit.headers.get('retry-after')).toBe('7');
    expect(provider.pendingReplies).toBe(0);
  });

  it('rejects a wrong key with 401 and an unknown model with 404', async () => {
    const wrong = new OpenAI({ apiKey: 'nope', baseURL: provider.baseUrl, maxRetries: 0 });
    const unauthorized = await wrong.models.list().catch((caught: unknown) => caught);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((unauthorized as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');

    const missing = await client.chat.completions
      .create({ model: 'gpt-nope', messages: [{ role: 'user', content: 'hi' }] })
      .catch((caught: unknown) => caught);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    expect((missing as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('lists the configured models', async () => {
    const page = await client.models.list();
    expect(page.data.map((model) => model.id)).toEqual(['test-model']);
  });

  it('delays and hangs as scripted', async () => {
    provider.script([{ hang: true }, { delayMs: 150, text: 'late' }]);
    const aborter = new AbortController();
    const hanging = client.chat.completions
      .create({ model: 'test-model', messages: [{ role: 'user', content: 'hang' }] }, { signal: aborter.signal })
      .catch((caught: unknown) => caught);
    await provider.waitForRequest((request) => request.body?.messages?.[0]?.content === 'hang');
    aborter.abort();
    expect(await hanging).toBeInstanceOf(OpenAI.APIUserAbortError);

    const started = Date.now();
    const late = await client.chat.completions.create({
      model: 'test-model',
      messages: [{ role: 'user', content: 'x' }],
    });
    expect(late.choices[0]?.message.content).toBe('late');
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe('fake model provider, Anthropic Messages', () => {
  it('answers text and tool_use blocks without streaming', async () => {
    provider.script({ text: 'Checking.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const response = await anthropic({ system: 'be brief', messages: [{ role: 'user', content: 'weather?' }] });
    expect(response.status).toBe(200);
    const message = (await response.json()) as Record<string, unknown>;
    expect(message).toMatchObject({
      type: 'message',
      role: 'assistant',
      stop_reason: 'tool_use',
      content: [
        { type: 'text', text: 'Checking.' },
        { type: 'tool_use', name: 'get_weather', input: { city: 'Oslo' } },
      ],
    });
    expect(provider.requests[0]?.api).toBe('anthropic');
    expect(provider.requests[0]?.body.system).toBe('be brief');
  });

  it('streams the Messages event sequence with text and input_json deltas', async () => {
    provider.script({ text: 'One moment.', toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const response = await anthropic({ stream: true, messages: [{ role: 'user', content: 'weather?' }] });
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const events = await readEvents(response);
    const names = events.map(([event]) => event);
    expect(names[0]).toBe('message_start');
    expect(names.slice(-2)).toEqual(['message_delta', 'message_stop']);
    expect(names.filter((name) => name === 'content_block_start')).toHaveLength(2);

    let text = '';
    let json = '';
    for (const [, data] of events) {
      const delta = (data as { delta?: { type?: string; text?: string; partial_json?: string } }).delta;
      if (delta?.type === 'text_delta') text += delta.text;
      if (delta?.type === 'input_json_delta') json += delta.partial_json;
    }
    expect(text).toBe('One moment.');
    expect(JSON.parse(json)).toEqual({ city: 'Oslo' });
    const messageDelta = events.find(([event]) => event === 'message_delta')?.[1];
    expect(messageDelta).toMatchObject({ delta: { stop_reason: 'tool_use' } });
  });

  it('refuses in the Anthropic error shape', async () => {
    const unauthorized = await anthropic({ messages: [{ role: 'user', content: 'hi' }] }, 'wrong');
    expect(unauthorized.status).toBe(401);
    expect(await unauthorized.json()).toMatchObject({ type: 'error', error: { type: 'authentication_error' } });

    const unknownModel = await anthropic({ model: 'claude-nope', messages: [{ role: 'user', content: 'hi' }] });
    expect(unknownModel.status).toBe(404);
    expect(await unknownModel.json()).toMatchObject({ type: 'error', error: { type: 'not_found_error' } });

    provider.script({ status: 503, retryAfterSeconds: 1 });
    const overloaded = await anthropic({ messages: [{ role: 'user', content: 'hi' }] });
    expect(overloaded.status).toBe(503);
    expect(overloaded.headers.get('retry-after')).toBe('1');
    expect(await overloaded.json()).toMatchObject({ type: 'error', error: { type: 'overloaded_error' } });
  });

  it('accepts the key as a Bearer token too', async () => {
    const response = await fetch(`${provider.anthropicBaseUrl}/v1/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer test-key' },
      body: JSON.stringify({ model: 'test-model', max_tokens: 10, messages: [{ role: 'user', content: 'yo' }] }),
    });
    expect(await response.json()).toMatchObject({ content: [{ type: 'text', text: 'echo: yo' }] });
  });
});
