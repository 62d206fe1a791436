import type { ChatBodyT } from './chat-body.js';
import { openAiHttpError } from './errors.js';

export interface ChatPrompt {
  /** The newest user message: what the agent answers. */
  message: string;
  /** System and developer messages, joined. */
  extraSystemPrompt?: string;
  /** Earlier user/assistant turns, as context for a fresh session. */
  history: Array<{ role: 'user' | 'assistant'; text: string }>;
}

/** Text of OpenAI message content: a string or an array of `{type:"text", text}` parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (Array.isArray(content)) {
    return content
      .map((p) =>
        p && typeof p === 'object' && typeof (p as { text?: unknown }).text === 'string'
          ? (p as { text: string }).text
          : '',
      )
      .filter(Boolean)
      .join('\n');
  }
  return '';
}

/**
 * Split OpenAI `messages` (the route schema checked: a non-empty array of objects with a role) into
 * the agent's message, extra system prompt and prior turns.
 */
export function chatPrompt(messages: ChatBodyT['messages']): ChatPrompt {
  const system: string[] = [];
  const turns: Array<{ role: 'user' | 'assistant'; text: string }> = [];
  messages.forEach(({ role, content }, i) => {
    const text = contentText(content);
    if (role === 'system' || role === 'developer') {
      if (text) system.push(text);
    } else if (role === 'user' || role === 'assistant') {
      if (text) turns.push({ role, text });
    } else if (role === 'tool' || role === 'function') {
      if (text) turns.push({ role: 'user', text: `Tool result: ${text}` });
    } else {
      throw openAiHttpError(
        'GW_ERR_OPENAI_HTTP_BAD_REQUEST',
        `messages[${i}].role must be system, developer, user, assistant or tool`,
      );
    }
  });
  const lastUser = turns.map((t) => t.role).lastIndexOf('user');
  if (lastUser < 0)
    throw openAiHttpError(
      'GW_ERR_OPENAI_HTTP_BAD_REQUEST',
      '"messages" needs at least one user message with text content',
    );
  return {
    message: turns[lastUser]!.text,
    extraSystemPrompt: system.length ? system.join('\n\n') : undefined,
    history: turns.slice(0, lastUser),
  };
}

/** The message the agent gets: for a fresh session, the client's earlier turns come along as context. */
export function withHistory(prompt: ChatPrompt): string {
  if (prompt.history.length === 0) return prompt.message;
  const lines = prompt.history.map((t) => `${t.role === 'user' ? 'User' : 'Assistant'}: ${t.text}`);
  return `Conversation so far (for context):\n${lines.join('\n')}\n\nCurrent message:\n${prompt.message}`;
}
