import { responsesError } from './errors.js';
import type { ResponsesBodyT } from './responses-body.js';

export interface ResponsesPrompt {
  message: string;
  extraSystemPrompt?: string;
  history: Array<{ role: 'user' | 'assistant'; text: string }>;
  tools: Array<{ name: string; description?: string; parameters?: Record<string, unknown> }>;
}

function partsText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .map((p) =>
      p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string'
        ? (p as { text: string }).text
        : '',
    )
    .filter(Boolean)
    .join('\n');
}

/**
 * OpenResponses `input` (a string, or items: messages, `function_call`, `function_call_output`)
 * plus `instructions` and client `tools` → what the agent runs. Function outputs become part of
 * the user message ("Result of function call …") so the model sees the client's answers.
 */
export function responsesPrompt(body: Pick<ResponsesBodyT, 'input' | 'instructions' | 'tools'>): ResponsesPrompt {
  const system: string[] = [];
  if (body.instructions?.trim()) system.push(body.instructions);
  const turns: Array<{ role: 'user' | 'assistant'; text: string }> = [];
  if (typeof body.input === 'string') {
    if (!body.input.trim()) throw responsesError('GW_ERR_RESPONSES_HTTP_BAD_REQUEST', '"input" must not be empty');
    turns.push({ role: 'user', text: body.input });
  } else {
    body.input.forEach((item, i) => {
      const it = item as {
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
        const text = partsText(it.content);
        if (it.role === 'system' || it.role === 'developer') {
          if (text) system.push(text);
        } else if (it.role === 'user' || it.role === 'assistant') {
          if (text) turns.push({ role: it.role, text });
        } else
          throw responsesError(
            'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
            `input[${i}].role must be user, assistant, system or developer`,
          );
      } else if (type === 'function_call_output') {
        if (typeof it.call_id !== 'string')
          throw responsesError(
            'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
            `input[${i}].call_id must be the id of the function call it answers`,
          );
        const output = typeof it.output === 'string' ? it.output : JSON.stringify(it.output ?? null);
        turns.push({ role: 'user', text: `Result of function call ${it.call_id}: ${output}` });
      } else if (type === 'function_call') {
        turns.push({
          role: 'assistant',
          text:
            `(called function ${String(it.name)} with ` +
            `${typeof it.arguments === 'string' ? it.arguments : JSON.stringify(it.arguments ?? {})}, call ` +
            `${String(it.call_id)})`,
        });
      } else if (type === 'reasoning' || type === 'item_reference') {
        // Nothing the agent can use: skipped.
      } else
        throw responsesError(
          'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
          `input[${i}].type "${String(type)}" is not supported (message, function_call, function_call_output)`,
        );
    });
  }
  // The newest user-side entries (a message and/or function outputs) form the message.
  let start = turns.length;
  while (start > 0 && turns[start - 1]!.role === 'user') start--;
  if (start === turns.length)
    throw responsesError(
      'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
      '"input" needs a user message or function_call_output at the end',
    );
  return {
    message: turns
      .slice(start)
      .map((t) => t.text)
      .join('\n\n'),
    extraSystemPrompt: system.length ? system.join('\n\n') : undefined,
    history: turns.slice(0, start),
    tools: clientTools(body.tools),
  };
}

function clientTools(tools: ResponsesBodyT['tools']): ResponsesPrompt['tools'] {
  if (tools === undefined) return [];
  return tools.map((t, i) => {
    const tool = t as {
      type?: unknown;
      name?: unknown;
      description?: unknown;
      parameters?: unknown;
      function?: { name?: unknown; description?: unknown; parameters?: unknown };
    };
    if (tool?.type !== 'function')
      throw responsesError(
        'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
        `tools[${i}].type must be "function" (built-in tool types are not supported)`,
      );
    const fn = tool.function ?? tool;
    if (typeof fn.name !== 'string' || !/^[A-Za-z0-9_-]{1,64}$/.test(fn.name))
      throw responsesError(
        'GW_ERR_RESPONSES_HTTP_BAD_REQUEST',
        `tools[${i}].name must be 1-64 letters, digits, _ or -`,
      );
    return {
      name: fn.name,
      description: typeof fn.description === 'string' ? fn.description : undefined,
      parameters:
        fn.parameters && typeof fn.parameters === 'object' ? (fn.parameters as Record<string, unknown>) : undefined,
    };
  });
}

export function withHistory(p: ResponsesPrompt): string {
  if (p.history.length === 0) return p.message;
  const history = p.history.map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.text}`).join('\n');
  return `Conversation so far (for context):\n${history}\n\nCurrent message:\n${p.message}`;
}
