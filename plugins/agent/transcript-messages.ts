import type { ChatMessage } from './provider/model-types.js';
import type { TranscriptEntry } from './session-store.js';

/**
 * Stored entries → model messages, dropping what a provider would refuse: tool calls without a
 * result (a run aborted mid-tool) and results without their call. Returns the index of
 * `keepId`'s message (the run's own user message) in the output.
 */
export function transcriptToMessages(
  entries: TranscriptEntry[],
  keepId: number,
): { messages: ChatMessage[]; keepFrom: number } {
  const answered = new Set(entries.filter((e) => e.role === 'tool' && e.toolCallId).map((e) => e.toolCallId!));
  const called = new Set<string>();
  const messages: ChatMessage[] = [];
  let keepFrom = 0;
  for (const e of entries) {
    if (e.id === keepId) keepFrom = messages.length;
    if (e.role === 'user')
      messages.push(
        e.images?.length
          ? { role: 'user', content: e.content, images: e.images }
          : { role: 'user', content: e.content },
      );
    else if (e.role === 'assistant') {
      const toolCalls = (e.toolCalls ?? []).filter((c) => answered.has(c.id));
      for (const c of toolCalls) called.add(c.id);
      if (!e.content && toolCalls.length === 0) continue;
      messages.push(
        toolCalls.length
          ? { role: 'assistant', content: e.content, toolCalls }
          : { role: 'assistant', content: e.content },
      );
    } else if (e.toolCallId && called.has(e.toolCallId)) {
      messages.push({
        role: 'tool',
        toolCallId: e.toolCallId,
        name: e.toolName ?? '',
        content: e.content,
        isError: e.isError,
      });
    }
  }
  return { messages, keepFrom };
}
