import {
  type AgentImage,
  type AgentToolResult,
  type AgentTurn,
  type PluginError,
  type RouteSchemaProblem,
  type Static,
  Type,
} from '../../sdk/index.js';
import { openAiHttpError } from './errors.js';

/**
 * `POST /v1/chat/completions` body: every parameter of OpenAI's Chat Completions API is named,
 * so an unknown one is refused (as OpenAI does) rather than dropped. Which are honoured, which
 * are hints the agent's model settings replace, and which are refused: `refuseUnsupported`.
 */
export const ChatCompletionsBody = Type.Object(
  {
    model: Type.Optional(Type.String({ maxLength: 256 })),
    messages: Type.Array(Type.Object({ role: Type.String() }, { additionalProperties: true }), {
      minItems: 1,
      maxItems: 10_000,
    }),
    stream: Type.Optional(Type.Boolean()),
    stream_options: Type.Optional(Type.Union([Type.Object({}, { additionalProperties: true }), Type.Null()])),
    user: Type.Optional(Type.String({ maxLength: 512 })),
    tools: Type.Optional(Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }))),
    tool_choice: Type.Optional(Type.Unknown()),
    parallel_tool_calls: Type.Optional(Type.Boolean()),
    n: Type.Optional(Type.Union([Type.Integer({ minimum: 1 }), Type.Null()])),
    // Sampling and budget hints: accepted; the agent's model settings apply (docs/http-api.md).
    temperature: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    top_p: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    max_tokens: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    max_completion_tokens: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    presence_penalty: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    frequency_penalty: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    logit_bias: Type.Optional(Type.Union([Type.Record(Type.String(), Type.Number()), Type.Null()])),
    seed: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    stop: Type.Optional(Type.Union([Type.String(), Type.Array(Type.String()), Type.Null()])),
    metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
    store: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    service_tier: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    reasoning_effort: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    verbosity: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    prompt_cache_key: Type.Optional(Type.String()),
    safety_identifier: Type.Optional(Type.String()),
    // Refused unless harmless (refuseUnsupported).
    logprobs: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    top_logprobs: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    response_format: Type.Optional(Type.Object({ type: Type.String() }, { additionalProperties: true })),
    modalities: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
    audio: Type.Optional(Type.Unknown()),
    prediction: Type.Optional(Type.Unknown()),
    web_search_options: Type.Optional(Type.Unknown()),
    functions: Type.Optional(Type.Unknown()),
    function_call: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ChatCompletionsBodyT = Static<typeof ChatCompletionsBody>;

/** A body failing the schema (the route's `config.schemaError`): the endpoint's code, problems named. */
export function chatBodyError(problem: RouteSchemaProblem): PluginError {
  return openAiHttpError(
    'GW_ERR_OPENAI_HTTP_BAD_REQUEST',
    `${problem.message} (the body is {"model": "moltbot:<agent>", "messages": [{"role", "content"}, …], ` +
      "and OpenAI's other Chat Completions parameters)",
    { details: problem.details },
  );
}

function refuse(param: string, message: string): never {
  throw openAiHttpError('GW_ERR_OPENAI_HTTP_UNSUPPORTED', message, { details: { param } });
}

function bad(param: string, message: string): never {
  throw openAiHttpError('GW_ERR_OPENAI_HTTP_BAD_REQUEST', message, { details: { param } });
}

/** Parameters whose meaning this gateway cannot deliver: 400 naming each, never silently dropped. */
export function refuseUnsupported(body: ChatCompletionsBodyT): void {
  if (typeof body.n === 'number' && body.n > 1)
    refuse('n', `n=${body.n}: this gateway answers with one choice per request (n must be 1)`);
  if (body.logprobs === true) refuse('logprobs', 'logprobs are not available from the agent runtime');
  if (typeof body.top_logprobs === 'number') refuse('top_logprobs', 'top_logprobs are not available');
  if (body.response_format && body.response_format.type !== 'text')
    refuse(
      'response_format',
      `response_format "${body.response_format.type}" is not supported: the agent answers in text (ask for JSON in ` +
        'the prompt instead)',
    );
  if (body.modalities?.some((m) => m !== 'text'))
    refuse('modalities', 'only text output is supported (modalities: ["text"])');
  if (body.audio !== undefined && body.audio !== null) refuse('audio', 'audio output is not supported');
  if (body.prediction !== undefined && body.prediction !== null)
    refuse('prediction', 'predicted outputs are not supported');
  if (body.web_search_options !== undefined) refuse('web_search_options', 'built-in web search is not supported');
  if (body.functions !== undefined || body.function_call !== undefined)
    refuse(
      body.functions !== undefined ? 'functions' : 'function_call',
      'the legacy functions API is not supported: use tools',
    );
  const choice = body.tool_choice;
  if (choice !== undefined && choice !== null && choice !== 'auto' && choice !== 'none')
    refuse(
      'tool_choice',
      'tool_choice can be "auto" or "none": the agent decides when to call tools, it cannot be forced to',
    );
}

/** A client's function tools (`tools[{type:"function", function:{name, description?, parameters?}}]`). */
export function clientTools(
  body: ChatCompletionsBodyT,
): Array<{ name: string; description?: string; parameters?: Record<string, unknown> }> {
  if (!body.tools?.length || body.tool_choice === 'none') return [];
  return body.tools.map((raw, i) => {
    const t = raw as { type: string; function?: { name?: unknown; description?: unknown; parameters?: unknown } };
    if (t.type !== 'function')
      refuse(`tools[${i}].type`, `tools[${i}].type "${t.type}" is not supported: only function tools are`);
    const fn = t.function;
    if (!fn || typeof fn.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(fn.name))
      bad(`tools[${i}].function.name`, `tools[${i}].function.name must be 1-64 letters, digits, _ or -`);
    if (fn.parameters !== undefined && (typeof fn.parameters !== 'object' || fn.parameters === null))
      bad(`tools[${i}].function.parameters`, `tools[${i}].function.parameters must be a JSON schema object`);
    return {
      name: fn.name,
      description: typeof fn.description === 'string' ? fn.description : undefined,
      parameters: fn.parameters as Record<string, unknown> | undefined,
    };
  });
}

/** The conversation of a request, as the agent runs it. */
export interface ChatConversation {
  /** System and developer messages, joined. */
  extraSystemPrompt?: string;
  /** Turns before the newest input (recorded for a session that has none yet). */
  history: AgentTurn[];
  /** The newest user text (may be empty when only images or tool results follow). */
  message: string;
  images: AgentImage[];
  /** Results of the tool calls of the last assistant message. */
  toolResults: AgentToolResult[];
}

/** Text and images of a message's `content`: a string, or `text` / `image_url` parts. */
function contentOf(content: unknown, at: string, allowImages: boolean): { text: string; images: AgentImage[] } {
  if (content === null || content === undefined) return { text: '', images: [] };
  if (typeof content === 'string') return { text: content, images: [] };
  if (!Array.isArray(content)) bad(`${at}.content`, `${at}.content must be a string or an array of content parts`);
  const texts: string[] = [];
  const images: AgentImage[] = [];
  content.forEach((part, j) => {
    const p = (part ?? {}) as { type?: unknown; text?: unknown; refusal?: unknown; image_url?: unknown };
    const where = `${at}.content[${j}]`;
    if (p.type === 'text') {
      if (typeof p.text !== 'string') bad(`${where}.text`, `${where}.text must be a string`);
      texts.push(p.text);
    } else if (p.type === 'refusal' && typeof p.refusal === 'string') texts.push(p.refusal);
    else if (p.type === 'image_url' && allowImages) {
      const img = p.image_url as { url?: unknown; detail?: unknown } | undefined;
      if (!img || typeof img.url !== 'string') bad(`${where}.image_url.url`, `${where}.image_url.url must be a URL`);
      const detail = img.detail === 'low' || img.detail === 'high' || img.detail === 'auto' ? img.detail : undefined;
      images.push({ url: img.url, ...(detail ? { detail } : {}) });
    } else
      refuse(
        `${where}.type`,
        `${where}.type "${String(p.type)}" is not supported here ` +
          `(${allowImages ? 'text and image_url' : 'text'} parts only)`,
      );
  });
  return { text: texts.join('\n'), images };
}

/**
 * OpenAI `messages` → the conversation: system/developer text joins the system prompt; user,
 * assistant (with `tool_calls`) and `tool` messages become turns; what follows the last
 * assistant message is the new input — user text and images, and/or tool results.
 */
export function chatConversation(messages: ChatCompletionsBodyT['messages']): ChatConversation {
  const system: string[] = [];
  const turns: AgentTurn[] = [];
  messages.forEach((raw, i) => {
    const m = raw as { role: string; content?: unknown; tool_calls?: unknown; tool_call_id?: unknown; name?: unknown };
    const at = `messages[${i}]`;
    if (m.role === 'system' || m.role === 'developer') {
      const { text } = contentOf(m.content, at, false);
      if (text) system.push(text);
    } else if (m.role === 'user') {
      const { text, images } = contentOf(m.content, at, true);
      turns.push({ role: 'user', text, ...(images.length ? { images } : {}) });
    } else if (m.role === 'assistant') {
      const { text } = contentOf(m.content, at, false);
      const calls = m.tool_calls === undefined || m.tool_calls === null ? [] : m.tool_calls;
      if (!Array.isArray(calls)) bad(`${at}.tool_calls`, `${at}.tool_calls must be an array`);
      const toolCalls = calls.map((c, j) => {
        const call = (c ?? {}) as { id?: unknown; type?: unknown; function?: { name?: unknown; arguments?: unknown } };
        if (typeof call.id !== 'string' || typeof call.function?.name !== 'string')
          bad(
            `${at}.tool_calls[${j}]`,
            `${at}.tool_calls[${j}] must be {id, type:"function", function:{name, arguments}}`,
          );
        const args = call.function.arguments;
        return {
          id: call.id,
          name: call.function.name,
          arguments: typeof args === 'string' ? args : JSON.stringify(args ?? {}),
        };
      });
      turns.push({ role: 'assistant', text, ...(toolCalls.length ? { toolCalls } : {}) });
    } else if (m.role === 'tool') {
      if (typeof m.tool_call_id !== 'string')
        bad(`${at}.tool_call_id`, `${at}.tool_call_id must name the tool call this message answers`);
      const { text } = contentOf(m.content, at, false);
      turns.push({ role: 'tool', toolCallId: m.tool_call_id, content: text });
    } else if (m.role === 'function') {
      refuse(`${at}.role`, `${at}.role "function" (the legacy functions API) is not supported: use tools`);
    } else {
      bad(`${at}.role`, `${at}.role must be system, developer, user, assistant or tool`);
    }
  });
  let start = turns.length;
  while (start > 0 && turns[start - 1]!.role !== 'assistant') start--;
  const input = turns.slice(start);
  if (input.length === 0)
    bad('messages', '"messages" must end with a user message (or the tool results of the last assistant message)');
  const users = input.filter((t): t is Extract<AgentTurn, { role: 'user' }> => t.role === 'user');
  const toolResults = input
    .filter((t): t is Extract<AgentTurn, { role: 'tool' }> => t.role === 'tool')
    .map(({ toolCallId, content, isError }) => ({ toolCallId, content, ...(isError ? { isError } : {}) }));
  const images = users.flatMap((u) => u.images ?? []);
  const message = users
    .map((u) => u.text)
    .filter(Boolean)
    .join('\n\n');
  if (!message.trim() && !images.length && !toolResults.length)
    bad('messages', '"messages" needs a user message with text or an image, or tool results, at the end');
  return {
    extraSystemPrompt: system.length ? system.join('\n\n') : undefined,
    history: turns.slice(0, start),
    message,
    images,
    toolResults,
  };
}
