import {
  type AgentImage,
  type AgentToolResult,
  type AgentTurn,
  type PluginError,
  type RouteSchemaProblem,
  type Static,
  Type,
} from '../../sdk/index.js';
import { responsesError } from './errors.js';

/**
 * `POST /v1/responses` body: every parameter of the Responses API is named, so an unknown one is
 * refused (as OpenAI does). Honoured, hints, refused: see `refuseUnsupported` and docs/http-api.md.
 */
export const ResponsesBody = Type.Object(
  {
    model: Type.Optional(Type.String({ maxLength: 256 })),
    input: Type.Optional(Type.Union([Type.String(), Type.Array(Type.Unknown(), { maxItems: 10_000 })])),
    instructions: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    tools: Type.Optional(Type.Array(Type.Object({ type: Type.String() }, { additionalProperties: true }))),
    tool_choice: Type.Optional(Type.Unknown()),
    stream: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    stream_options: Type.Optional(Type.Unknown()),
    user: Type.Optional(Type.String({ maxLength: 512 })),
    previous_response_id: Type.Optional(Type.Union([Type.String({ minLength: 1, maxLength: 256 }), Type.Null()])),
    store: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    metadata: Type.Optional(Type.Union([Type.Record(Type.String(), Type.String()), Type.Null()])),
    // Hints the agent's model settings replace (accepted).
    temperature: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    top_p: Type.Optional(Type.Union([Type.Number(), Type.Null()])),
    max_output_tokens: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    max_tool_calls: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    parallel_tool_calls: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    reasoning: Type.Optional(Type.Unknown()),
    service_tier: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    truncation: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    prompt_cache_key: Type.Optional(Type.String()),
    safety_identifier: Type.Optional(Type.String()),
    // Refused unless harmless.
    background: Type.Optional(Type.Union([Type.Boolean(), Type.Null()])),
    include: Type.Optional(Type.Union([Type.Array(Type.String()), Type.Null()])),
    text: Type.Optional(Type.Unknown()),
    top_logprobs: Type.Optional(Type.Union([Type.Integer(), Type.Null()])),
    prompt: Type.Optional(Type.Unknown()),
    conversation: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);
export type ResponsesBodyT = Static<typeof ResponsesBody>;

/** A body failing the schema (the route's `config.schemaError`): the endpoint's code, problems named. */
export function responsesBodyError(problem: RouteSchemaProblem): PluginError {
  return responsesError(
    'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
    `${problem.message} (the body is {"model": "moltbot:<agent>", "input": "text" or an array of items, ` +
      'and the other Responses parameters)',
    { details: problem.details },
  );
}

function refuse(param: string, message: string): never {
  throw responsesError('GW_ERR_RESPONSES_HTTP_UNSUPPORTED', message, { details: { param } });
}

function bad(param: string, message: string): never {
  throw responsesError('GW_ERR_RESPONSES_HTTP_BAD_REQUEST', message, { details: { param } });
}

/** Parameters whose meaning this gateway cannot deliver: 400 naming each. */
export function refuseUnsupported(body: ResponsesBodyT): void {
  if (body.background === true)
    refuse('background', 'background responses are not supported: wait for the answer, or stream it');
  if (body.include?.length) refuse('include', `include ${JSON.stringify(body.include)} is not supported`);
  const format = (body.text as { format?: { type?: unknown } } | undefined)?.format?.type;
  if (format !== undefined && format !== 'text')
    refuse('text.format', `text.format "${String(format)}" is not supported: the agent answers in text`);
  if (typeof body.top_logprobs === 'number') refuse('top_logprobs', 'log probabilities are not available');
  if (body.prompt !== undefined && body.prompt !== null) refuse('prompt', 'stored prompt templates are not supported');
  if (body.conversation !== undefined && body.conversation !== null)
    refuse('conversation', 'conversations are not supported: continue with previous_response_id');
  const choice = body.tool_choice;
  if (choice !== undefined && choice !== null && choice !== 'auto' && choice !== 'none')
    refuse('tool_choice', 'tool_choice can be "auto" or "none": the agent cannot be forced to call a tool');
}

/** The conversation of a request, as the agent runs it. */
export interface ResponsesConversation {
  extraSystemPrompt?: string;
  history: AgentTurn[];
  message: string;
  images: AgentImage[];
  toolResults: AgentToolResult[];
  tools: Array<{ name: string; description?: string; parameters?: Record<string, unknown> }>;
}

function partsOf(content: unknown, at: string, allowImages: boolean): { text: string; images: AgentImage[] } {
  if (typeof content === 'string') return { text: content, images: [] };
  if (!Array.isArray(content)) bad(`${at}.content`, `${at}.content must be a string or an array of content parts`);
  const texts: string[] = [];
  const images: AgentImage[] = [];
  content.forEach((part, j) => {
    const p = (part ?? {}) as {
      type?: unknown;
      text?: unknown;
      refusal?: unknown;
      image_url?: unknown;
      detail?: unknown;
    };
    const where = `${at}.content[${j}]`;
    if ((p.type === 'input_text' || p.type === 'output_text' || p.type === 'text') && typeof p.text === 'string')
      texts.push(p.text);
    else if (p.type === 'refusal' && typeof p.refusal === 'string') texts.push(p.refusal);
    else if (p.type === 'input_image' && allowImages) {
      if (typeof p.image_url !== 'string')
        refuse(`${where}.image_url`, `${where}: images by image_url only (file_id uploads are not supported)`);
      const detail = p.detail === 'low' || p.detail === 'high' || p.detail === 'auto' ? p.detail : undefined;
      images.push({ url: p.image_url, ...(detail ? { detail } : {}) });
    } else
      refuse(
        `${where}.type`,
        `${where}.type "${String(p.type)}" is not supported ` +
          `(${allowImages ? 'input_text and input_image' : 'text'} parts only)`,
      );
  });
  return { text: texts.join('\n'), images };
}

/**
 * `input` (a string, or items: messages, `function_call`, `function_call_output`) plus
 * `instructions` and client `tools` → the conversation. What follows the last assistant item is
 * the new input: user text and images, and/or the outputs of the calls it made.
 */
export function responsesConversation(body: ResponsesBodyT): ResponsesConversation {
  const system: string[] = [];
  if (typeof body.instructions === 'string' && body.instructions.trim()) system.push(body.instructions);
  const turns: AgentTurn[] = [];
  const input = body.input;
  if (typeof input === 'string') {
    if (!input.trim()) bad('input', '"input" must not be empty');
    turns.push({ role: 'user', text: input });
  } else if (Array.isArray(input) && input.length > 0) {
    input.forEach((raw, i) => {
      const at = `input[${i}]`;
      if (!raw || typeof raw !== 'object') bad(at, `${at} must be an object`);
      const it = raw as {
        type?: unknown;
        role?: unknown;
        content?: unknown;
        call_id?: unknown;
        name?: unknown;
        arguments?: unknown;
        output?: unknown;
      };
      const type = it.type ?? 'message';
      if (type === 'message') {
        if (it.role === 'system' || it.role === 'developer') {
          const { text } = partsOf(it.content, at, false);
          if (text) system.push(text);
        } else if (it.role === 'user') {
          const { text, images } = partsOf(it.content, at, true);
          turns.push({ role: 'user', text, ...(images.length ? { images } : {}) });
        } else if (it.role === 'assistant') {
          turns.push({ role: 'assistant', text: partsOf(it.content, at, false).text });
        } else bad(`${at}.role`, `${at}.role must be user, assistant, system or developer`);
      } else if (type === 'function_call') {
        if (typeof it.call_id !== 'string' || typeof it.name !== 'string')
          bad(at, `${at} (function_call) needs call_id and name`);
        const call = {
          id: it.call_id,
          name: it.name,
          arguments: typeof it.arguments === 'string' ? it.arguments : JSON.stringify(it.arguments ?? {}),
        };
        // Calls of one model turn follow its text: they join the assistant turn before them.
        const last = turns.at(-1);
        if (last?.role === 'assistant') last.toolCalls = [...(last.toolCalls ?? []), call];
        else turns.push({ role: 'assistant', text: '', toolCalls: [call] });
      } else if (type === 'function_call_output') {
        if (typeof it.call_id !== 'string')
          bad(`${at}.call_id`, `${at}.call_id must be the id of the function call it answers`);
        const output = typeof it.output === 'string' ? it.output : JSON.stringify(it.output ?? null);
        turns.push({ role: 'tool', toolCallId: it.call_id, content: output });
      } else if (type === 'reasoning') {
        // The model's reasoning of an earlier turn: nothing the agent can use.
      } else
        refuse(
          `${at}.type`,
          `${at}.type "${String(type)}" is not supported (message, function_call, function_call_output, reasoning)`,
        );
    });
  } else {
    bad('input', '"input" must be a string or a non-empty array of input items');
  }
  let start = turns.length;
  while (start > 0 && turns[start - 1]!.role !== 'assistant') start--;
  const newInput = turns.slice(start);
  const users = newInput.filter((t): t is Extract<AgentTurn, { role: 'user' }> => t.role === 'user');
  const toolResults = newInput
    .filter((t): t is Extract<AgentTurn, { role: 'tool' }> => t.role === 'tool')
    .map(({ toolCallId, content }) => ({ toolCallId, content }));
  const images = users.flatMap((u) => u.images ?? []);
  const message = users
    .map((u) => u.text)
    .filter(Boolean)
    .join('\n\n');
  if (!message.trim() && !images.length && !toolResults.length)
    bad('input', '"input" needs a user message or function_call_output after the last assistant item');
  return {
    extraSystemPrompt: system.length ? system.join('\n\n') : undefined,
    history: turns.slice(0, start),
    message,
    images,
    toolResults,
    tools: clientTools(body.tools),
  };
}

function clientTools(tools: ResponsesBodyT['tools']): ResponsesConversation['tools'] {
  if (!tools) return [];
  return tools.map((t, i) => {
    const tool = t as {
      type: string;
      name?: unknown;
      description?: unknown;
      parameters?: unknown;
      function?: { name?: unknown; description?: unknown; parameters?: unknown };
    };
    if (tool.type !== 'function')
      refuse(
        `tools[${i}].type`,
        `tools[${i}].type "${tool.type}" is not supported: built-in tools are not, functions are`,
      );
    const fn = tool.function ?? tool;
    if (typeof fn.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(fn.name))
      bad(`tools[${i}].name`, `tools[${i}].name must be 1-64 letters, digits, _ or -`);
    return {
      name: fn.name,
      description: typeof fn.description === 'string' ? fn.description : undefined,
      parameters:
        fn.parameters && typeof fn.parameters === 'object' ? (fn.parameters as Record<string, unknown>) : undefined,
    };
  });
}
