import OpenAI from 'openai';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { agentConfig, FAKE_KEY_ENV } from '../agent/agent-harness.js';
import { type FakeModelProvider, startFakeModelProvider } from '../fakes/model-provider.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { LegacyClient } from './legacy-client.js';

// The official `openai` package against /v1/*: issue 11 items 5 and 6.

let fake: FakeModelProvider;
let gw: GatewayProcess;
let client: OpenAI;
let base: string;

const PNG_1X1 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==';
const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
  },
};

beforeAll(async () => {
  fake = await startFakeModelProvider({ models: ['test-model', 'text-only'] });
  const config = agentConfig(fake, {
    gateway: {
      http: {
        endpoints: {
          chatCompletions: { enabled: true, maxBodyBytes: 64 * 1024 },
          responses: { enabled: true, retention: { maxResponses: 3 } },
        },
      },
    },
  });
  config.models.providers.openai.models = [{ id: 'test-model' }, { id: 'text-only', input: ['text'] }];
  config.agents.list = [
    { id: 'main', default: true },
    { id: 'blind', model: 'openai/text-only' },
  ];
  gw = await startReady({ env: FAKE_KEY_ENV, config });
  base = `http://127.0.0.1:${gw.port}`;
  client = new OpenAI({ baseURL: `${base}/v1`, apiKey: gw.token, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

const modelCalls = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');
const toolNames = (body: any): string[] => (body.tools ?? []).map((t: any) => t.function.name);

describe('chat completions: client function tools round-trip', () => {
  it('a tool call comes back as tool_calls; the tool message reaches the model as a tool result', async () => {
    fake.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: 'user', content: 'Weather in Oslo?' }];
    const first = await client.chat.completions.create({ model: 'moltbot:main', messages, tools: [weatherTool] });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    const call = choice.message.tool_calls![0]! as OpenAI.Chat.ChatCompletionMessageFunctionToolCall;
    expect(call).toMatchObject({ type: 'function', function: { name: 'get_weather' } });
    expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo' });
    expect(toolNames(modelCalls()[0]!.body)).toContain('get_weather');

    // A stateless client: the whole conversation again, with the tool's result.
    fake.script({ text: 'Sunny, 21 °C.' });
    messages.push(choice.message, { role: 'tool', tool_call_id: call.id, content: '{"sky":"sunny","c":21}' });
    const second = await client.chat.completions.create({ model: 'moltbot:main', messages, tools: [weatherTool] });
    expect(second.choices[0]!.message.content).toBe('Sunny, 21 °C.');
    const sent = modelCalls()[1]!.body.messages as any[];
    const result = sent.find((m) => m.role === 'tool');
    expect(result).toMatchObject({ tool_call_id: call.id, content: '{"sky":"sunny","c":21}' });
    const asked = sent.find((m) => m.role === 'assistant' && m.tool_calls);
    expect(asked.tool_calls[0]).toMatchObject({ id: call.id, function: { name: 'get_weather' } });
    expect(JSON.stringify(sent.filter((m) => m.role === 'user'))).not.toContain('sunny');
  });

  it('streams tool calls as delta.tool_calls with finish_reason "tool_calls" (stable session via user)', async () => {
    fake.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Rome' } }] });
    const stream = await client.chat.completions.create({
      model: 'moltbot:main',
      user: 'tool-streamer',
      stream: true,
      messages: [{ role: 'user', content: 'Weather in Rome?' }],
      tools: [weatherTool],
    });
    const calls: any[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      for (const c of chunk.choices) {
        calls.push(...(c.delta.tool_calls ?? []));
        finish = c.finish_reason ?? finish;
      }
    }
    expect(finish).toBe('tool_calls');
    expect(calls[0]).toMatchObject({ index: 0, type: 'function', function: { name: 'get_weather' } });
    // The session keeps the conversation: only the tool result needs sending.
    fake.script({ text: 'Rome: rain.' });
    const next = await client.chat.completions.create({
      model: 'moltbot:main',
      user: 'tool-streamer',
      tools: [weatherTool],
      messages: [
        { role: 'user', content: 'Weather in Rome?' },
        {
          role: 'assistant',
          content: null,
          tool_calls: [{ id: calls[0].id, type: 'function', function: calls[0].function }],
        },
        { role: 'tool', tool_call_id: calls[0].id, content: 'rain' },
      ],
    });
    expect(next.choices[0]!.message.content).toBe('Rome: rain.');
    expect((modelCalls()[1]!.body.messages as any[]).filter((m) => m.role === 'tool')).toHaveLength(1);
    // A result for a call nobody made is refused, naming it.
    const stray = await client.chat.completions
      .create({
        model: 'moltbot:main',
        user: 'tool-streamer',
        messages: [
          {
            role: 'assistant',
            content: null,
            tool_calls: [{ id: 'call_nope', type: 'function', function: { name: 'x', arguments: '{}' } }],
          },
          { role: 'tool', tool_call_id: 'call_nope', content: 'x' },
        ],
      })
      .catch((e) => e);
    expect(stray).toBeInstanceOf(OpenAI.BadRequestError);
    expect(stray.code).toBe('GW_ERR_AGENT_TOOL_RESULT_INVALID');
  });
});

describe('chat completions: parameters that cannot be honoured are refused, naming them', () => {
  for (const [param, extra] of [
    ['n', { n: 2 }],
    ['logprobs', { logprobs: true }],
    ['response_format', { response_format: { type: 'json_object' } }],
    ['tool_choice', { tool_choice: 'required', tools: [weatherTool] }],
    [
      'messages[0].content[0].type',
      {
        messages: [{ role: 'user', content: [{ type: 'input_audio', input_audio: { data: 'AA==', format: 'wav' } }] }],
      },
    ],
  ] as const) {
    it(`${param}`, async () => {
      const err = await client.chat.completions
        .create({ model: 'moltbot:main', messages: [{ role: 'user', content: 'x' }], ...(extra as object) } as any)
        .catch((e) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.param).toBe(param);
      expect(err.error.type).toBe('invalid_request_error');
      expect(err.message).toContain(param.split('[')[0]!);
      expect(modelCalls()).toHaveLength(0);
    });
  }

  it('an unknown parameter is refused as OpenAI does; sampling hints are accepted', async () => {
    const err = await client.chat.completions
      .create({ model: 'moltbot:main', messages: [{ role: 'user', content: 'x' }], frobnicate: 1 } as any)
      .catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.message).toContain('frobnicate');
    fake.script({ text: 'ok' });
    const ok = await client.chat.completions.create({
      model: 'moltbot:main',
      messages: [{ role: 'user', content: 'x' }],
      temperature: 0.2,
      max_tokens: 50,
      n: 1,
    });
    expect(ok.choices[0]!.message.content).toBe('ok');
  });
});

describe('image inputs reach vision-capable models', () => {
  it('an image_url part arrives at the provider as an image; a text-only model refuses it', async () => {
    fake.script({ text: 'a dot' });
    await client.chat.completions.create({
      model: 'moltbot:main',
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'what is this?' },
            { type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}`, detail: 'low' } },
          ],
        },
      ],
    });
    expect(modelCalls()[0]!.body.messages.at(-1).content).toContainEqual({
      type: 'image_url',
      image_url: { url: `data:image/png;base64,${PNG_1X1}`, detail: 'low' },
    });
    const blind = await client.chat.completions
      .create({
        model: 'moltbot:blind',
        messages: [
          { role: 'user', content: [{ type: 'image_url', image_url: { url: `data:image/png;base64,${PNG_1X1}` } }] },
        ],
      })
      .catch((e) => e);
    expect(blind).toBeInstanceOf(OpenAI.BadRequestError);
    expect(blind.code).toBe('GW_ERR_AGENT_IMAGE_UNSUPPORTED');
    expect(blind.message).toContain('input');
  });

  it('Responses input_image reaches the model', async () => {
    fake.script({ text: 'a dot' });
    const res = await client.responses.create({
      model: 'moltbot:main',
      input: [
        {
          role: 'user',
          content: [
            { type: 'input_text', text: 'describe' },
            { type: 'input_image', image_url: `data:image/png;base64,${PNG_1X1}`, detail: 'auto' },
          ],
        },
      ],
    });
    expect(res.output_text).toBe('a dot');
    expect(JSON.stringify(modelCalls()[0]!.body.messages.at(-1))).toContain('data:image/png;base64');
  });
});

describe('item 6: runs from /v1/* are offered only safe tools', () => {
  it('the gateway and message tools are not offered to the model unless tools.allow names them', async () => {
    fake.script({ text: 'fine' });
    await client.chat.completions.create({ model: 'moltbot:main', messages: [{ role: 'user', content: 'hi' }] });
    const offered = toolNames(modelCalls()[0]!.body);
    expect(offered).not.toContain('gateway');
    expect(offered).not.toContain('message');
    expect(offered).toContain('sessions_list');
    fake.script({ text: 'fine' });
    await client.responses.create({ model: 'moltbot:main', input: 'hi' });
    expect(toolNames(modelCalls()[1]!.body)).not.toContain('gateway');
    // The same agent over WebSocket keeps its full tool set.
    fake.script({ text: 'fine' });
    const ws = await LegacyClient.connect({ url: gw.url, token: gw.token, identity: null });
    await ws.request('agent', { message: 'hi', idempotencyKey: `ws-${Date.now()}` }, { expectFinal: true });
    expect(toolNames(modelCalls()[2]!.body)).toEqual(expect.arrayContaining(['gateway', 'message']));
    ws.close();
  });
});

describe('Responses: stored responses, previous_response_id, store:false', () => {
  it('continues from previous_response_id and serves GET /v1/responses/{id}', async () => {
    fake.script([{ text: 'The word is kiwi.' }, { text: 'You said kiwi.' }]);
    const first = await client.responses.create({ model: 'moltbot:main', input: 'Remember: kiwi' });
    const got = await client.responses.retrieve(first.id);
    expect(got).toMatchObject({ id: first.id, status: 'completed', output_text: 'The word is kiwi.' });
    expect(got.output[0]).toMatchObject({ type: 'message' });
    const second = await client.responses.create({
      model: 'moltbot:main',
      previous_response_id: first.id,
      input: 'What was the word?',
    });
    expect(second.output_text).toBe('You said kiwi.');
    expect(second.previous_response_id).toBe(first.id);
    const history = JSON.stringify(modelCalls()[1]!.body.messages);
    expect(history).toContain('Remember: kiwi');
    expect(history).toContain('The word is kiwi.');
  });

  it('store:false: not retrievable and not continuable; unknown ids are 404 naming previous_response_id', async () => {
    fake.script({ text: 'secret' });
    const res = await client.responses.create({ model: 'moltbot:main', input: 'do not keep this', store: false });
    expect(res.store).toBe(false);
    const get = await client.responses.retrieve(res.id).catch((e) => e);
    expect(get).toBeInstanceOf(OpenAI.NotFoundError);
    const next = await client.responses
      .create({ model: 'moltbot:main', previous_response_id: res.id, input: 'again' })
      .catch((e) => e);
    expect(next).toBeInstanceOf(OpenAI.NotFoundError);
    expect(next.param).toBe('previous_response_id');
  });

  it('keeps at most retention.maxResponses; DELETE forgets one', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) ids.push((await client.responses.create({ model: 'moltbot:main', input: `n${i}` })).id);
    expect(await client.responses.retrieve(ids[0]!).catch((e) => e.status)).toBe(404);
    const last = await client.responses.retrieve(ids[3]!);
    expect(last.id).toBe(ids[3]);
    await client.responses.delete(ids[3]!);
    expect(await client.responses.retrieve(ids[3]!).catch((e) => e.status)).toBe(404);
  });

  it('background and other unsupported parameters are refused with 400 naming them', async () => {
    for (const [param, extra] of [
      ['background', { background: true }],
      ['text.format', { text: { format: { type: 'json_object' } } }],
      ['tools[0].type', { tools: [{ type: 'web_search_preview' }] }],
    ] as const) {
      const err = await client.responses
        .create({ model: 'moltbot:main', input: 'x', ...(extra as object) } as any)
        .catch((e) => e);
      expect(err).toBeInstanceOf(OpenAI.BadRequestError);
      expect(err.param).toBe(param);
    }
    expect(modelCalls()).toHaveLength(0);
  });

  it('function_call_output after previous_response_id answers the call as a tool result', async () => {
    fake.script({ toolCalls: [{ name: 'lookup', arguments: { q: 'x' } }] });
    const tools = [
      { type: 'function' as const, name: 'lookup', strict: false, parameters: { type: 'object', properties: {} } },
    ];
    const first = await client.responses.create({ model: 'moltbot:main', input: 'look it up', tools });
    const call = first.output.find((o) => o.type === 'function_call') as any;
    fake.script({ text: 'found it' });
    const second = await client.responses.create({
      model: 'moltbot:main',
      previous_response_id: first.id,
      tools,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: 'result-42' }],
    });
    expect(second.output_text).toBe('found it');
    const sent = modelCalls()[1]!.body.messages as any[];
    expect(sent.find((m) => m.role === 'tool')).toMatchObject({ tool_call_id: call.call_id, content: 'result-42' });
  });
});

describe('every refusal on /v1/* in OpenAI’s error shape', () => {
  const shape = (type: string) => ({ message: expect.any(String), type, param: null, code: expect.any(String) });

  it('401, 404 (unknown path or model), 405 and 413 come as {error:{message, type, param, code}}', async () => {
    const bad = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'not-the-token', maxRetries: 0 });
    const unauthorized = await bad.chat.completions
      .create({ model: 'moltbot:main', messages: [{ role: 'user', content: 'x' }] })
      .catch((e) => e);
    expect(unauthorized).toBeInstanceOf(OpenAI.AuthenticationError);
    expect(unauthorized.error).toEqual(shape('authentication_error'));
    const embeddings = await client.embeddings.create({ model: 'x', input: 'hello' }).catch((e) => e);
    expect(embeddings).toBeInstanceOf(OpenAI.NotFoundError);
    expect(embeddings.error).toEqual(shape('not_found_error'));
    const model = await client.models.retrieve('moltbot:nobody').catch((e) => e);
    expect(model).toBeInstanceOf(OpenAI.NotFoundError);
    expect(model.error).toEqual(shape('not_found_error'));
    const headers = { authorization: `Bearer ${gw.token}`, 'content-type': 'application/json' };
    const wrongMethod = await fetch(`${base}/v1/chat/completions`, { method: 'PUT', headers, body: '{}' });
    expect(wrongMethod.status).toBe(405);
    expect((await wrongMethod.json()).error).toEqual(shape('invalid_request_error'));
    const big = JSON.stringify({ messages: [{ role: 'user', content: 'x'.repeat(70 * 1024) }] });
    const tooLarge = await fetch(`${base}/v1/chat/completions`, { method: 'POST', headers, body: big });
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error).toEqual(shape('invalid_request_error'));
  });
});
