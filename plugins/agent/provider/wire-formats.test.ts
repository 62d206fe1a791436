import { describe, expect, it } from 'vitest';
import { anthropicMessages } from './anthropic-messages.js';
import type { ModelCall } from './model-types.js';
import { openAiCompletions } from './openai-completions.js';

const endpoint = { name: 'p', baseUrl: 'http://127.0.0.1:9/v1', apiKey: 'k', headers: {} };
const PIXEL = 'data:image/jpeg;base64,/9j/AAAA';

function call(extra: Partial<ModelCall> = {}): ModelCall {
  return {
    model: 'm',
    system: 'be brief',
    messages: [{ role: 'user', content: 'what colour is this', images: [{ url: PIXEL }] }],
    tools: [],
    maxTokens: 1000,
    signal: new AbortController().signal,
    onDelta: () => undefined,
    ...extra,
  };
}

describe('chat images and thinking on the wire (issue 17)', () => {
  it('Anthropic: a chat image is a base64 image block before the text; /think high is a 16k budget', () => {
    const { url, body } = anthropicMessages.request(endpoint, call({ thinking: 'high' })) as {
      url: string;
      body: any;
    };
    expect(url).toBe('http://127.0.0.1:9/v1/messages');
    expect(body.messages).toEqual([
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: 'image/jpeg', data: '/9j/AAAA' } },
          { type: 'text', text: 'what colour is this' },
        ],
      },
    ]);
    expect(body.thinking).toEqual({ type: 'enabled', budget_tokens: 16_384 });
    expect(body.max_tokens).toBe(1000 + 16_384);
  });

  it('OpenAI: a chat image is an image_url part after the text; /think is reasoning_effort', () => {
    const { body } = openAiCompletions.request(endpoint, call({ thinking: 'low' })) as { body: any };
    expect(body.messages.at(-1)).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'what colour is this' },
        { type: 'image_url', image_url: { url: PIXEL } },
      ],
    });
    expect(body.reasoning_effort).toBe('low');
  });
});
