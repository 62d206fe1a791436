import { pause } from './http-server.js';
import { answerTokens, argumentFragments, estimateTokens, textPieces } from './model-reply.js';
import type { AnswerContext, ProviderWire, RefusalKind } from './provider-wire.js';
import { lastUserMessageText } from './provider-wire.js';
import { startEventStream, writeEvent } from './sse.js';

/** OpenAI Chat Completions (`/v1/chat/completions`, `/v1/models`). */
export const openAiWire: ProviderWire = {
  api: 'openai',
  toolCallIdPrefix: 'call_',

  errorBody(status, kind, message) {
    return { error: { message, type: errorType(status), param: null, code: errorCode(status, kind) } };
  },

  defaultMessage(status, kind, detail) {
    if (kind === 'auth') {
      return (
        `Incorrect API key provided: ${maskKey(detail)}. You can find your API key at ` +
        'https://platform.openai.com/account/api-keys.'
      );
    }
    if (kind === 'model_not_found') return `The model \`${detail}\` does not exist or you do not have access to it.`;
    if (kind === 'not_found') return `Invalid URL (${detail})`;
    if (kind === 'invalid_request') return detail;
    if (status === 429) return 'Rate limit reached for requests. Please try again later.';
    if (status === 503) return 'The engine is currently overloaded, please try again later.';
    return 'The server had an error while processing your request. Sorry about that!';
  },

  validate(body) {
    if (typeof body.model !== 'string') return 'you must provide a model parameter';
    if (!Array.isArray(body.messages)) return "Missing required parameter: 'messages'.";
    return undefined;
  },

  lastUserText(body) {
    return lastUserMessageText(body.messages);
  },

  async writeAnswer(context) {
    if (context.body.stream === true) await writeStream(context);
    else writeCompletion(context);
  },

  modelList(models) {
    return {
      object: 'list',
      data: models.map((id) => ({ id, object: 'model', created: 1_700_000_000, owned_by: 'fake-provider' })),
    };
  },
};

function errorType(status: number): string {
  if (status === 429) return 'requests';
  if (status >= 500) return 'server_error';
  return 'invalid_request_error';
}

function errorCode(status: number, kind: RefusalKind): string | null {
  if (kind === 'auth') return 'invalid_api_key';
  if (kind === 'model_not_found') return 'model_not_found';
  if (status === 429) return 'rate_limit_exceeded';
  return null;
}

function maskKey(key: string): string {
  return key.length <= 6 ? '***' : `${key.slice(0, 3)}***${key.slice(-2)}`;
}

function finishReason(context: AnswerContext): 'tool_calls' | 'stop' {
  return context.answer.toolCalls.length > 0 ? 'tool_calls' : 'stop';
}

function usage(context: AnswerContext): Record<string, number> {
  const prompt = estimateTokens(context.body.messages);
  const completion = answerTokens(context.answer);
  return { prompt_tokens: prompt, completion_tokens: completion, total_tokens: prompt + completion };
}

function writeCompletion(context: AnswerContext): void {
  const { answer } = context;
  const toolCalls = answer.toolCalls.map((call) => ({
    id: call.id,
    type: 'function',
    function: { name: call.name, arguments: JSON.stringify(call.arguments) },
  }));
  const body = {
    id: `chatcmpl-fake${context.serial}`,
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: context.body.model,
    system_fingerprint: 'fp_fake',
    choices: [
      {
        index: 0,
        message: {
          role: 'assistant',
          content: answer.text === '' && toolCalls.length > 0 ? null : answer.text,
          refusal: null,
          ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}),
        },
        logprobs: null,
        finish_reason: finishReason(context),
      },
    ],
    usage: usage(context),
  };
  const payload = JSON.stringify(body);
  context.res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
  context.res.end(payload);
}

async function writeStream(context: AnswerContext): Promise<void> {
  const { res, answer, signal } = context;
  const base = {
    id: `chatcmpl-fake${context.serial}`,
    object: 'chat.completion.chunk',
    created: Math.floor(Date.now() / 1000),
    model: context.body.model,
    system_fingerprint: 'fp_fake',
  };
  const chunk = (delta: Record<string, unknown>, finish: string | null = null): unknown => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish }],
  });

  const chunks: unknown[] = [chunk({ role: 'assistant', content: '', refusal: null })];
  for (const piece of textPieces(answer.text)) chunks.push(chunk({ content: piece }));
  answer.toolCalls.forEach((call, index) => {
    chunks.push(
      chunk({
        tool_calls: [{ index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } }],
      }),
    );
    for (const fragment of argumentFragments(JSON.stringify(call.arguments))) {
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: fragment } }] }));
    }
  });
  chunks.push(chunk({}, finishReason(context)));
  const streamOptions = context.body.stream_options as { include_usage?: boolean } | undefined;
  if (streamOptions?.include_usage) chunks.push({ ...base, choices: [], usage: usage(context) });

  startEventStream(res);
  for (const [index, data] of chunks.entries()) {
    if (index > 0 && !(await pause(context.chunkDelayMs, signal))) return;
    if (signal.aborted) return;
    writeEvent(res, data);
  }
  writeEvent(res, '[DONE]');
  res.end();
}
