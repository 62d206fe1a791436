import type { ServerResponse } from 'node:http';
import type { ModelAnswer } from './model-reply.js';

export type ProviderApi = 'openai' | 'anthropic';

/** Why the fake refuses a request; each wire turns it into its API's error body. */
export type RefusalKind = 'auth' | 'model_not_found' | 'invalid_request' | 'not_found' | 'scripted';

export interface AnswerContext {
  res: ServerResponse;
  /** The parsed request body. */
  body: Record<string, unknown>;
  answer: ModelAnswer;
  /** Unique per response, used in `id` fields. */
  serial: number;
  chunkDelayMs: number;
  /** Aborts when the client disconnects; streams stop writing then. */
  signal: AbortSignal;
}

/** One public API's wire format: errors, request validation and the answer encoding. */
export interface ProviderWire {
  readonly api: ProviderApi;
  readonly toolCallIdPrefix: string;
  errorBody(status: number, kind: RefusalKind, message: string): unknown;
  /** Default message for a refusal, in the API's own words. */
  defaultMessage(status: number, kind: RefusalKind, detail: string): string;
  /** Returns a problem description, or undefined when the body is acceptable. */
  validate(body: Record<string, unknown>): string | undefined;
  lastUserText(body: Record<string, unknown>): string;
  writeAnswer(context: AnswerContext): Promise<void>;
  modelList(models: readonly string[]): unknown;
}

/** Text of a message `content` that is either a string or an array of typed parts. */
export function contentText(content: unknown): string {
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return '';
  return content
    .filter(
      (part): part is { type: 'text'; text: string } =>
        typeof part === 'object' && part !== null && part.type === 'text' && typeof part.text === 'string',
    )
    .map((part) => part.text)
    .join('\n');
}

export function lastUserMessageText(messages: unknown): string {
  if (!Array.isArray(messages)) return '';
  for (let index = messages.length - 1; index >= 0; index--) {
    const message: unknown = messages[index];
    if (typeof message === 'object' && message !== null && (message as { role?: unknown }).role === 'user') {
      return contentText((message as { content?: unknown }).content);
    }
  }
  return '';
}
