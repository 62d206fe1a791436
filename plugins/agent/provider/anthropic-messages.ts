import type { ChatMessage, ModelTurn, ToolCall, WireFormat } from './model-types.js';

const ANTHROPIC_VERSION = '2023-06-01';

/** Anthropic Messages (`POST {baseUrl}/v1/messages`, `stream:true`). */
export const anthropicMessages: WireFormat = {
  request(endpoint, call) {
    // Extended thinking with tool use would need the earlier thinking blocks sent back (we keep
    // none): think when the user spoke last, answer tool results without it.
    const budget = call.messages.at(-1)?.role === 'user' ? thinkingBudget(call.thinking) : undefined;
    const body: Record<string, unknown> = {
      model: call.model,
      // The thinking budget counts against max_tokens: the answer keeps its own room.
      max_tokens: call.maxTokens + (budget ?? 0),
      messages: toAnthropic(call.messages),
      stream: true,
    };
    if (budget) body.thinking = { type: 'enabled', budget_tokens: budget };
    if (call.system) body.system = call.system;
    if (call.tools.length)
      body.tools = call.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      'anthropic-version': ANTHROPIC_VERSION,
      ...endpoint.headers,
    };
    if (endpoint.apiKey) headers['x-api-key'] = endpoint.apiKey;
    // Base URLs are configured with or without the /v1 suffix; accept both.
    const base = endpoint.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
    return { url: `${base}/v1/messages`, headers, body };
  },

  async readStream(events, call) {
    let text = '';
    const blocks = new Map<number, ToolCall>();
    const usage: ModelTurn['usage'] = { inputTokens: 0, outputTokens: 0 };
    let stopReason: string | undefined;
    for await (const ev of events) {
      const msg = JSON.parse(ev.data) as AnthropicEvent;
      switch (msg.type) {
        case 'message_start': {
          const u = msg.message?.usage;
          // Every prompt token, cached ones included (Anthropic counts those apart), as OpenAI does.
          usage.inputTokens =
            (u?.input_tokens ?? 0) + (u?.cache_read_input_tokens ?? 0) + (u?.cache_creation_input_tokens ?? 0);
          usage.outputTokens = u?.output_tokens ?? 0;
          if (u?.cache_read_input_tokens) usage.cacheReadTokens = u.cache_read_input_tokens;
          if (u?.cache_creation_input_tokens) usage.cacheWriteTokens = u.cache_creation_input_tokens;
          break;
        }
        case 'content_block_start':
          if (msg.content_block?.type === 'tool_use')
            blocks.set(msg.index ?? 0, {
              id: msg.content_block.id ?? '',
              name: msg.content_block.name ?? '',
              arguments: '',
            });
          break;
        case 'content_block_delta':
          if (msg.delta?.type === 'text_delta' && msg.delta.text) {
            text += msg.delta.text;
            call.onDelta(msg.delta.text);
          } else if (msg.delta?.type === 'input_json_delta') {
            const b = blocks.get(msg.index ?? 0);
            if (b) b.arguments += msg.delta.partial_json ?? '';
          }
          break;
        case 'message_delta':
          if (msg.delta?.stop_reason) stopReason = msg.delta.stop_reason;
          if (msg.usage?.output_tokens !== undefined) usage.outputTokens = msg.usage.output_tokens;
          break;
        case 'error':
          throw Object.assign(new Error(msg.error?.message ?? 'stream error'), { streamError: true });
        default:
          break;
      }
    }
    const toolCalls = [...blocks.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([, c]) => ({ ...c, arguments: c.arguments || '{}' }));
    return { text, toolCalls, usage, stopReason } satisfies ModelTurn;
  },

  errorMessage(body) {
    const e = (body as { error?: { message?: unknown } } | undefined)?.error;
    return typeof e?.message === 'string' ? e.message : undefined;
  },
};

interface AnthropicEvent {
  type: string;
  index?: number;
  message?: {
    usage?: {
      input_tokens?: number;
      output_tokens?: number;
      cache_read_input_tokens?: number;
      cache_creation_input_tokens?: number;
    };
  };
  content_block?: { type: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string };
  usage?: { output_tokens?: number };
  error?: { message?: string };
}

/** Anthropic wants alternating user/assistant turns with tool results as user content blocks. */
function toAnthropic(messages: ChatMessage[]): unknown[] {
  const out: Array<{ role: 'user' | 'assistant'; content: unknown[] }> = [];
  const push = (role: 'user' | 'assistant', block: unknown) => {
    const last = out.at(-1);
    if (last && last.role === role) last.content.push(block);
    else out.push({ role, content: [block] });
  };
  for (const m of messages) {
    if (m.role === 'user') {
      for (const img of m.images ?? []) push('user', anthropicImage(img.url));
      if (m.content || !m.images?.length) push('user', { type: 'text', text: m.content });
    } else if (m.role === 'tool')
      push('user', {
        type: 'tool_result',
        tool_use_id: m.toolCallId,
        content: m.content,
        ...(m.isError ? { is_error: true } : {}),
      });
    else {
      if (m.content) push('assistant', { type: 'text', text: m.content });
      for (const c of m.toolCalls ?? [])
        push('assistant', { type: 'tool_use', id: c.id, name: c.name, input: parseArgs(c.arguments) });
      if (!m.content && !m.toolCalls?.length) push('assistant', { type: 'text', text: '(no reply)' });
    }
  }
  return out;
}

/** An image block: base64 for data URLs, a URL source otherwise. */
function anthropicImage(url: string): unknown {
  const m = /^data:([^;,]+);base64,(.*)$/s.exec(url);
  if (m) return { type: 'image', source: { type: 'base64', media_type: m[1], data: m[2] } };
  return { type: 'image', source: { type: 'url', url } };
}

function parseArgs(raw: string): unknown {
  try {
    const v = JSON.parse(raw || '{}') as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  } catch {
    return {};
  }
}

/** `/think` levels as extended-thinking budgets (Anthropic's minimum is 1024 tokens). */
const THINKING_BUDGETS: Record<string, number> = {
  minimal: 1024,
  low: 2048,
  medium: 8192,
  high: 16_384,
  xhigh: 32_000,
};

function thinkingBudget(level: string | undefined): number | undefined {
  return level ? THINKING_BUDGETS[level] : undefined;
}
