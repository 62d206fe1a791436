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
    config: agentConfig(fake, { gateway: { http: { endpoints: { responses: { enabled: true } } } } }),
  });
  base = `http://127.0.0.1:${gw.port}`;
  client = new OpenAI({ baseURL: `${base}/v1`, apiKey: gw.token, maxRetries: 0 });
});
afterAll(async () => {
  await gw?.stop();
  await fake?.close();
});
beforeEach(() => fake.reset());

const modelRequests = () => fake.requests.filter((r) => r.path === '/v1/chat/completions');

describe('POST /v1/responses (OpenResponses)', () => {
  it('answers a string input with instructions', async () => {
    fake.script({ text: 'Responses work.' });
    const res = await client.responses.create({
      model: 'moltbot:main',
      input: 'hello',
      instructions: 'Answer in three words.',
    });
    expect(res.object).toBe('response');
    expect(res.status).toBe('completed');
    expect(res.output_text).toBe('Responses work.');
    expect(res.usage!.total_tokens).toBeGreaterThan(0);
    const sent = modelRequests()[0]!.body;
    expect(sent.messages[0].content).toContain('Answer in three words.');
    expect(sent.messages.at(-1)).toEqual({ role: 'user', content: 'hello' });
  });

  it('takes item input (messages) and uses earlier items as context', async () => {
    fake.script({ text: 'Blue.' });
    const res = await client.responses.create({
      model: 'moltbot:main',
      input: [
        { role: 'developer', content: 'Reply with a colour.' },
        { role: 'user', content: [{ type: 'input_text', text: 'My favourite colour is blue.' }] },
        { role: 'assistant', content: 'Noted.' },
        { role: 'user', content: 'What is it?' },
      ],
    });
    expect(res.output_text).toBe('Blue.');
    const text = requestText(modelRequests()[0]!.body);
    expect(text).toContain('Reply with a colour.');
    expect(text).toContain('My favourite colour is blue.');
    expect(text).toContain('What is it?');
  });

  it('streams response.* events ending with response.completed', async () => {
    fake.script({ text: 'streamed words here', chunkDelayMs: 10 });
    const stream = await client.responses.create({ model: 'moltbot:main', input: 'stream please', stream: true });
    const types: string[] = [];
    let deltas = '';
    let completed: any;
    for await (const ev of stream) {
      types.push(ev.type);
      if (ev.type === 'response.output_text.delta') deltas += ev.delta;
      if (ev.type === 'response.completed') completed = ev.response;
    }
    expect(types[0]).toBe('response.created');
    expect(types).toEqual(
      expect.arrayContaining([
        'response.in_progress',
        'response.output_item.added',
        'response.content_part.added',
        'response.output_text.done',
        'response.output_item.done',
      ]),
    );
    expect(types.at(-1)).toBe('response.completed');
    expect(deltas).toBe('streamed words here');
    expect(completed.output[0].content[0].text).toBe('streamed words here');
  });

  it('returns calls of client-supplied function tools, then takes their output', async () => {
    fake.script({ toolCalls: [{ name: 'get_weather', arguments: { city: 'Oslo' } }] });
    const tools = [
      {
        type: 'function' as const,
        name: 'get_weather',
        description: 'Weather for a city',
        strict: false,
        parameters: { type: 'object', properties: { city: { type: 'string' } }, required: ['city'] },
      },
    ];
    const first = await client.responses.create({
      model: 'moltbot:main',
      input: 'weather in Oslo?',
      tools,
      user: 'tool-user',
    });
    const call = first.output.find((o) => o.type === 'function_call') as any;
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather' });
    expect(JSON.parse(call.arguments)).toEqual({ city: 'Oslo' });
    expect(modelRequests()[0]!.body.tools.map((t: any) => t.function.name)).toContain('get_weather');
    fake.script({ text: 'It is sunny in Oslo.' });
    const second = await client.responses.create({
      model: 'moltbot:main',
      user: 'tool-user',
      tools,
      input: [{ type: 'function_call_output', call_id: call.call_id, output: '{"sky":"sunny"}' }],
    });
    expect(second.output_text).toBe('It is sunny in Oslo.');
    expect(requestText(modelRequests()[1]!.body)).toContain('sunny');
  });

  it('rejects bad input with a 400 in OpenAI error shape, and wrong keys with 401', async () => {
    const err = await client.responses.create({ model: 'moltbot:main', input: [] as any }).catch((e) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect(err.error.message).toMatch(/"input"/);
    const bad = new OpenAI({ baseURL: `${base}/v1`, apiKey: 'nope', maxRetries: 0 });
    expect(await bad.responses.create({ model: 'moltbot:main', input: 'x' }).catch((e) => e.status)).toBe(401);
    const r415 = await fetch(`${base}/v1/responses`, {
      method: 'POST',
      headers: { authorization: `Bearer ${gw.token}`, 'content-type': 'text/plain' },
      body: 'x',
    });
    expect(r415.status).toBe(415);
    expect(modelRequests()).toHaveLength(0);
  });
});
