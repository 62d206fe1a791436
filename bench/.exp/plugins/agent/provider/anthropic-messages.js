const ANTHROPIC_VERSION = '2023-06-01';
/** Anthropic Messages (`POST {baseUrl}/v1/messages`, `stream:true`). */
export const anthropicMessages = {
    request(endpoint, call) {
        const body = {
            model: call.model,
            max_tokens: call.maxTokens,
            messages: toAnthropic(call.messages),
            stream: true,
        };
        if (call.system)
            body.system = call.system;
        if (call.tools.length)
            body.tools = call.tools.map((t) => ({ name: t.name, description: t.description, input_schema: t.parameters }));
        const headers = { 'content-type': 'application/json', accept: 'text/event-stream', 'anthropic-version': ANTHROPIC_VERSION, ...endpoint.headers };
        if (endpoint.apiKey)
            headers['x-api-key'] = endpoint.apiKey;
        // Base URLs are configured with or without the /v1 suffix; accept both.
        const base = endpoint.baseUrl.replace(/\/+$/, '').replace(/\/v1$/, '');
        return { url: `${base}/v1/messages`, headers, body };
    },
    async readStream(events, call) {
        let text = '';
        const blocks = new Map();
        const usage = { inputTokens: 0, outputTokens: 0 };
        let stopReason;
        for await (const ev of events) {
            const msg = JSON.parse(ev.data);
            switch (msg.type) {
                case 'message_start':
                    usage.inputTokens = msg.message?.usage?.input_tokens ?? 0;
                    usage.outputTokens = msg.message?.usage?.output_tokens ?? 0;
                    break;
                case 'content_block_start':
                    if (msg.content_block?.type === 'tool_use')
                        blocks.set(msg.index ?? 0, { id: msg.content_block.id ?? '', name: msg.content_block.name ?? '', arguments: '' });
                    break;
                case 'content_block_delta':
                    if (msg.delta?.type === 'text_delta' && msg.delta.text) {
                        text += msg.delta.text;
                        call.onDelta(msg.delta.text);
                    }
                    else if (msg.delta?.type === 'input_json_delta') {
                        const b = blocks.get(msg.index ?? 0);
                        if (b)
                            b.arguments += msg.delta.partial_json ?? '';
                    }
                    break;
                case 'message_delta':
                    if (msg.delta?.stop_reason)
                        stopReason = msg.delta.stop_reason;
                    if (msg.usage?.output_tokens !== undefined)
                        usage.outputTokens = msg.usage.output_tokens;
                    break;
                case 'error':
                    throw Object.assign(new Error(msg.error?.message ?? 'stream error'), { streamError: true });
                default:
                    break;
            }
        }
        const toolCalls = [...blocks.entries()].sort((a, b) => a[0] - b[0]).map(([, c]) => ({ ...c, arguments: c.arguments || '{}' }));
        return { text, toolCalls, usage, stopReason };
    },
    errorMessage(body) {
        const e = body?.error;
        return typeof e?.message === 'string' ? e.message : undefined;
    },
};
/** Anthropic wants alternating user/assistant turns with tool results as user content blocks. */
function toAnthropic(messages) {
    const out = [];
    const push = (role, block) => {
        const last = out.at(-1);
        if (last && last.role === role)
            last.content.push(block);
        else
            out.push({ role, content: [block] });
    };
    for (const m of messages) {
        if (m.role === 'user')
            push('user', { type: 'text', text: m.content });
        else if (m.role === 'tool')
            push('user', { type: 'tool_result', tool_use_id: m.toolCallId, content: m.content, ...(m.isError ? { is_error: true } : {}) });
        else {
            if (m.content)
                push('assistant', { type: 'text', text: m.content });
            for (const c of m.toolCalls ?? [])
                push('assistant', { type: 'tool_use', id: c.id, name: c.name, input: parseArgs(c.arguments) });
            if (!m.content && !m.toolCalls?.length)
                push('assistant', { type: 'text', text: '(no reply)' });
        }
    }
    return out;
}
function parseArgs(raw) {
    try {
        const v = JSON.parse(raw || '{}');
        return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
    }
    catch {
        return {};
    }
}
//# sourceMappingURL=anthropic-messages.js.map