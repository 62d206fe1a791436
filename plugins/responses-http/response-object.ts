import { type AgentRunResult, openAiRunError } from '../../sdk/index.js';

export interface ResponseMeta {
  id: string;
  createdAt: number;
  model: string;
  instructions?: string;
  previousResponseId?: string;
  store: boolean;
  metadata?: Record<string, string>;
}

export function messageItem(id: string, text: string, status: 'in_progress' | 'completed') {
  return {
    type: 'message',
    id,
    status,
    role: 'assistant',
    content: status === 'completed' ? [{ type: 'output_text', text, annotations: [] }] : [],
  };
}

export function functionCallItem(call: { id: string; name: string; arguments: string }) {
  return {
    type: 'function_call',
    id: `fc_${call.id}`,
    call_id: call.id,
    name: call.name,
    arguments: call.arguments,
    status: 'completed',
  };
}

/** The OpenResponses `response` object for a run (in progress, completed or failed). */
export function responseObject(meta: ResponseMeta, outcome?: AgentRunResult) {
  const base = {
    id: meta.id,
    object: 'response',
    created_at: meta.createdAt,
    model: meta.model,
    instructions: meta.instructions ?? null,
    previous_response_id: meta.previousResponseId ?? null,
    store: meta.store,
    metadata: meta.metadata ?? {},
    tools: [],
    parallel_tool_calls: true,
    incomplete_details: null,
  };
  if (!outcome) return { ...base, status: 'in_progress', output: [], usage: null, error: null };
  const output: unknown[] = [];
  if (outcome.text || !outcome.clientToolCalls?.length)
    output.push(messageItem(`msg_${outcome.runId}`, outcome.text, 'completed'));
  for (const c of outcome.clientToolCalls ?? []) output.push(functionCallItem(c));
  const usage = outcome.usage
    ? {
        input_tokens: outcome.usage.inputTokens,
        output_tokens: outcome.usage.outputTokens,
        total_tokens: outcome.usage.inputTokens + outcome.usage.outputTokens,
      }
    : null;
  if (outcome.status === 'ok') return { ...base, status: 'completed', output, usage, error: null };
  // The same error as the endpoint's HTTP answer, without `param` (not part of a response object).
  const { code, message, type } = openAiRunError(outcome).body.error;
  return {
    ...base,
    status: outcome.status === 'aborted' ? 'cancelled' : 'failed',
    output: [],
    usage,
    error: { code, message, type },
  };
}
