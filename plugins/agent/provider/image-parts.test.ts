import { describe, expect, it } from 'vitest';
import { anthropicMessages } from './anthropic-messages.js';
import type { ModelCall } from './model-types.js';
import { openAiCompletions } from './openai-completions.js';

const endpoint = { name: 'p', baseUrl: 'http://127.0.0.1:1/v1', headers: {} };
const call: ModelCall = {
  model: 'm',
  system: '',
  tools: [],
  maxTokens: 10,
  signal: new AbortController().signal,
  onDelta: () => undefined,
  messages: [
    {
      role: 'user',
      content: 'look',
      images: [{ url: 'data:image/png;base64,iVBORw0KGgo=' }, { url: 'https://example.com/a.jpg', detail: 'low' }],
    },
  ],
};

describe('image parts on the wire', () => {
  it('OpenAI Chat Completions: text then image_url parts', () => {
    const body = openAiCompletions.request(endpoint, call).body as { messages: unknown[] };
    expect(body.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'text', text: 'look' },
        { type: 'image_url', image_url: { url: 'data:image/png;base64,iVBORw0KGgo=' } },
        { type: 'image_url', image_url: { url: 'https://example.com/a.jpg', detail: 'low' } },
      ],
    });
  });

  it('Anthropic Messages: base64 and url image sources before the text', () => {
    const body = anthropicMessages.request(endpoint, call).body as { messages: unknown[] };
    expect(body.messages[0]).toEqual({
      role: 'user',
      content: [
        { type: 'image', source: { type: 'base64', media_type: 'image/png', data: 'iVBORw0KGgo=' } },
        { type: 'image', source: { type: 'url', url: 'https://example.com/a.jpg' } },
        { type: 'text', text: 'look' },
      ],
    });
  });
});
