import type { ChatMessage, ModelTurn, ToolCall, WireFormat } from './model-types.js';

/** OpenAI Chat Completions (`POST {baseUrl}/chat/completions`, `stream:true`). */
export const openAiCompletions: WireFormat = {
  request(endpoint, call) {
    const messages: unknown[] = [];
    if (call.system) messages.push({ role: 'system', content: call.system });
    for (const m of call.messages) messages.push(toOpenAi(m));
    const body: Record<string, unknown> = {
      model: call.model,
      messages,
      stream: true,
      stream_options: { include_usage: true },
      max_tokens: call.maxTokens,
    };
    const effort = reasoningEffort(call.thinking);
    if (effort) body.reasoning_effort = effort;
    if (call.tools.length) {
      body.tools = call.tools.map((t) => ({
        type: 'function',
        function: { name: t.name, description: t.description, parameters: t.parameters },
      }));
    }
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...endpoint.headers,
    };
    if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
    return { url: `${endpoint.baseUrl.replace(/\/+$/, '')}/chat/completions`, headers, body };
  },

  async readStream(events, call) {
    let text = '';
    const calls = new Map<number, ToolCall>();
    const usage: ModelTurn['usage'] = { inputTokens: 0, outputTokens: 0 };
    let stopReason: string | undefined;
    for await (const ev of events) {
      if (ev.data === '[DONE]') break;
      const chunk = JSON.parse(ev.data) as OpenAiChunk;
      if (chunk.error) throw Object.assign(new Error(chunk.error.message ?? 'stream error'), { streamError: true });
      if (chunk.usage) {
        usage.inputTokens = chunk.usage.prompt_tokens ?? usage.inputTokens;
        usage.outputTokens = chunk.usage.completion_tokens ?? usage.outputTokens;
        const cached = chunk.usage.prompt_tokens_details?.cached_tokens;
        if (cached) usage.cacheReadTokens = cached;
      }
      for (const choice of chunk.choices ?? []) {
        const delta = choice.delta ?? {};
        if (typeof delta.content === 'string' && delta.content) {
          text += delta.content;
          call.onDelta(delta.content);
        }
        for (const tc of delta.tool_calls ?? []) {
          const index = tc.index ?? 0;
          const cur = calls.get(index) ?? { id: '', name: '', arguments: '' };
          if (tc.id) cur.id = tc.id;
          if (tc.function?.name) cur.name += tc.function.name;
          if (tc.function?.arguments) cur.arguments += tc.function.arguments;
          calls.set(index, cur);
        }
        if (choice.finish_reason) stopReason = choice.finish_reason;
      }
    }
    const toolCalls = [...calls.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([i, c]) => ({ ...c, id: c.id || `call_${i}` }));
    return { text, toolCalls, usage, stopReason } satisfies ModelTurn;
  },

  errorMessage(body) {
    const e = (body as { error?: { message?: unknown } | string } | undefined)?.error;
    if (typeof e === 'string') return e;
    return typeof e?.message === 'string' ? e.message : undefined;
  },
};

interface OpenAiChunk {
  error?: { message?: string };
  usage?: { prompt_tokens?: number; completion_tokens?: number; prompt_tokens_details?: { cached_tokens?: number } };
  choices?: Array<{
    delta?: {
      content?: string | null;
      tool_calls?: Array<{ index?: number; id?: string; function?: { name?: string; arguments?: string } }>;
    };
    finish_reason?: string | null;
  }>;
}

function toOpenAi(m: ChatMessage): unknown {
  if (m.role === 'user') {
    if (!m.images?.length) return { role: 'user', content: m.content };
    const parts: unknown[] = m.content ? [{ type: 'text', text: m.content }] : [];
    for (const img of m.images)
      parts.push({ type: 'image_url', image_url: { url: img.url, ...(img.detail ? { detail: img.detail } : {}) } });
    return { role: 'user', content: parts };
  }
  if (m.role === 'tool') return { role: 'tool', tool_call_id: m.toolCallId, content: m.content };
  const out: Record<string, unknown> = { role: 'assistant', content: m.content || (m.toolCalls?.length ? null : '') };
  if (m.toolCalls?.length)
    out.tool_calls = m.toolCalls.map((c) => ({
      id: c.id,
      type: 'function',
      function: { name: c.name, arguments: c.arguments },
    }));
  return out;
}

/** `/think` levels as OpenAI's `reasoning_effort` (which has no "xhigh"). */
function reasoningEffort(level: string | undefined): string | undefined {
  if (!level || level === 'off') return undefined;
  return level === 'xhigh' ? 'high' : level;
}
