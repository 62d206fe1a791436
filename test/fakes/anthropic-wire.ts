import { pause } from './http-server.js';
import { answerTokens, argumentFragments, estimateTokens, textPieces } from './model-reply.js';
import type { AnswerContext, ProviderWire } from './provider-wire.js';
import { lastUserMessageText } from './provider-wire.js';
import { startEventStream, writeEvent } from './sse.js';

/** Anthropic Messages API (`/v1/messages`, `/v1/models`). */
export const anthropicWire: ProviderWire = {
  api: 'anthropic',
  toolCallIdPrefix: 'toolu_fake',

  errorBody(status, kind, message) {
    return { type: 'error', error: { type: errorType(status, kind), message } };
  },

  defaultMessage(status, kind, detail) {
    if (kind === 'auth') return 'invalid x-api-key';
    if (kind === 'model_not_found') return `model: ${detail}`;
    if (kind === 'not_found') return 'Not found';
    if (kind === 'invalid_request') return detail;
    if (status === 429) return 'Number of requests has exceeded your rate limit. Please try again later.';
    if (status === 529 || status === 503) return 'Overloaded';
    return 'Internal server error';
  },

  validate(body) {
    if (typeof body.model !== 'string') return 'model: Field required';
    if (!Array.isArray(body.messages)) return 'messages: Field required';
    if (typeof body.max_tokens !== 'number') return 'max_tokens: Field required';
    return undefined;
  },

  lastUserText(body) {
    return lastUserMessageText(body.messages);
  },

  async writeAnswer(context) {
    if (context.body.stream === true) await writeStream(context);
    else writeMessage(context);
  },

  modelList(models) {
    return {
      data: models.map((id) => ({
        type: 'model',
        id,
        display_name: id,
        created_at: '2025-01-01T00:00:00Z',
      })),
      has_more: false,
      first_id: models[0] ?? null,
      last_id: models.at(-1) ?? null,
    };
  },
};

function errorType(status: number, kind: string): string {
  if (kind === 'auth') return 'authentication_error';
  if (status === 400) return 'invalid_request_error';
  if (status === 403) return 'permission_error';
  if (status === 404) return 'not_found_error';
  if (status === 413) return 'request_too_large';
  if (status === 429) return 'rate_limit_error';
  if (status === 529 || status === 503) return 'overloaded_error';
  return 'api_error';
}

function stopReason(context: AnswerContext): 'tool_use' | 'end_turn' {
  return context.answer.toolCalls.length > 0 ? 'tool_use' : 'end_turn';
}

function inputTokens(context: AnswerContext): number {
  return estimateTokens([context.body.system, context.body.messages]);
}

function messageId(context: AnswerContext): string {
  return `msg_fake${context.serial}`;
}

function writeMessage(context: AnswerContext): void {
  const { answer } = context;
  const content: unknown[] = [];
  if (answer.text !== '' || answer.toolCalls.length === 0) content.push({ type: 'text', text: answer.text });
  for (const call of answer.toolCalls) {
    content.push({ type: 'tool_use', id: call.id, name: call.name, input: call.arguments });
  }
  const body = {
    id: messageId(context),
    type: 'message',
    role: 'assistant',
    model: context.body.model,
    content,
    stop_reason: stopReason(context),
    stop_sequence: null,
    usage: { input_tokens: inputTokens(context), output_tokens: answerTokens(answer) },
  };
  const payload = JSON.stringify(body);
  context.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  context.res.end(payload);
}

type StreamEvent = [event: string, data: Record<string, unknown>];

function streamEvents(context: AnswerContext): StreamEvent[] {
  const { answer } = context;
  const events: StreamEvent[] = [
    [
      'message_start',
      {
        type: 'message_start',
        message: {
          id: messageId(context),
          type: 'message',
          role: 'assistant',
          model: context.body.model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { input_tokens: inputTokens(context), output_tokens: 1 },
        },
      },
    ],
    ['ping', { type: 'ping' }],
  ];
  let index = 0;
  if (answer.text !== '' || answer.toolCalls.length === 0) {
    events.push([
      'content_block_start',
      { type: 'content_block_start', index, content_block: { type: 'text', text: '' } },
    ]);
    for (const piece of textPieces(answer.text)) {
      events.push([
        'content_block_delta',
        { type: 'content_block_delta', index, delta: { type: 'text_delta', text: piece } },
      ]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    index++;
  }
  for (const call of answer.toolCalls) {
    events.push([
      'content_block_start',
      {
        type: 'content_block_start',
        index,
        content_block: { type: 'tool_use', id: call.id, name: call.name, input: {} },
      },
    ]);
    // The real API opens every tool input with an empty partial_json before the fragments.
    for (const fragment of ['', ...argumentFragments(JSON.stringify(call.arguments))]) {
      events.push([
        'content_block_delta',
        {
          type: 'content_block_delta',
          index,
          delta: { type: 'input_json_delta', partial_json: fragment },
        },
      ]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    index++;
  }
  events.push([
    'message_delta',
    {
      type: 'message_delta',
      delta: { stop_reason: stopReason(context), stop_sequence: null },
      usage: { output_tokens: answerTokens(answer) },
    },
  ]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events;
}

async function writeStream(context: AnswerContext): Promise<void> {
  const { res, signal } = context;
  startEventStream(res);
  for (const [index, [event, data]] of streamEvents(context).entries()) {
    if (index > 0 && !(await pause(context.chunkDelayMs, signal))) return;
    if (signal.aborted) return;
    writeEvent(res, data, event);
  }
  res.end();
}
