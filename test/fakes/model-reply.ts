/** What a scripted model turn says; `id` is generated when omitted. */
export interface FakeToolCall {
  name: string;
  arguments: Record<string, unknown>;
  id?: string;
}

/**
 * One scripted answer. Precedence: `hang`, then `status` (an error), then `text`/`toolCalls`;
 * a reply with none of them (e.g. only `{ delayMs }`) answers with the echo.
 */
export interface FakeReply {
  text?: string;
  toolCalls?: FakeToolCall[];
  /** Answer with an error in the API's own shape (429, 500, 503, or any other status). */
  status?: number;
  /** Sent as the `retry-after` header with `status`. */
  retryAfterSeconds?: number;
  /** Overrides the default error message for `status`. */
  errorMessage?: string;
  /** Wait before answering (before the response headers). */
  delayMs?: number;
  /** Wait between stream chunks. */
  chunkDelayMs?: number;
  /** Never answer; the request stays open until the client disconnects or the fake closes. */
  hang?: boolean;
}

/** What the assistant turn contains once a reply (or the echo) has been chosen. */
export interface ModelAnswer {
  text: string;
  toolCalls: Array<Required<FakeToolCall>>;
}

export type ReplyPlan =
  | { kind: 'hang' }
  | { kind: 'error'; status: number; retryAfterSeconds?: number; message?: string }
  | { kind: 'answer'; answer: ModelAnswer };

export function planReply(reply: FakeReply | undefined, echoOf: string, newToolCallId: () => string): ReplyPlan {
  if (reply?.hang) return { kind: 'hang' };
  if (reply?.status !== undefined) {
    return {
      kind: 'error',
      status: reply.status,
      retryAfterSeconds: reply.retryAfterSeconds,
      message: reply.errorMessage,
    };
  }
  if (reply?.text === undefined && reply?.toolCalls === undefined) {
    return { kind: 'answer', answer: { text: `echo: ${echoOf}`, toolCalls: [] } };
  }
  const toolCalls = (reply.toolCalls ?? []).map((call) => ({
    name: call.name,
    arguments: call.arguments,
    id: call.id ?? newToolCallId(),
  }));
  return { kind: 'answer', answer: { text: reply.text ?? '', toolCalls } };
}

/** Splits text the way real streams do: several small pieces, whitespace kept with its word. */
export function textPieces(text: string): string[] {
  return text.match(/\S+\s*|\s+/g) ?? [];
}

/** Splits serialized tool arguments into (up to) three fragments so clients must reassemble them. */
export function argumentFragments(json: string): string[] {
  const size = Math.max(1, Math.ceil(json.length / 3));
  const fragments: string[] = [];
  for (let start = 0; start < json.length; start += size) fragments.push(json.slice(start, start + size));
  return fragments;
}

/** Rough token count (4 characters a token) so usage numbers move with the content. */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.max(1, Math.ceil(text.length / 4));
}

export function answerTokens(answer: ModelAnswer): number {
  return estimateTokens(
    answer.text + answer.toolCalls.map((call) => call.name + JSON.stringify(call.arguments)).join(''),
  );
}
