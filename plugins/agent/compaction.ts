import { estimateTokens } from './context-window.js';
import { agentError } from './errors.js';
import { callModelChain } from './provider/model-client.js';
import { resolveModelChain } from './provider/model-ref.js';
import type { Usage } from './provider/model-types.js';
import { type ExecutorDeps, findAgent } from './run-executor.js';
import type { Run } from './run-types.js';
import type { TranscriptEntry } from './session-store.js';

/** The first line of a compacted transcript (how the model, and chat.history, know it is a summary). */
export const SUMMARY_HEADER = '[Summary of the conversation so far, made by /compact; the full transcript is kept]';
const SUMMARY_MAX_TOKENS = 2048;
/** A transcript line in the summarisation prompt is cut at this length (tool output, pasted files). */
const LINE_CHARS = 2000;
const SYSTEM =
  'You write summaries of conversations between a user and an AI assistant, so that the assistant can continue ' +
  'from the summary alone. Keep what matters later: facts about the user and their preferences, decisions made, ' +
  'open tasks and promises, names, numbers, dates, file paths and commands. Drop small talk. Write plain prose ' +
  'or short bullet points, in the language of the conversation.';

export interface CompactionResult {
  text: string;
  usage: Usage;
  model: string;
  before: { messages: number; tokens: number };
  after: { tokens: number };
}

/**
 * `/compact`: the session's transcript summarised by the agent's model into a new session id
 * whose transcript is the summary (the old one stays in the store under its id). Runs in the
 * session's lane, so no turn interleaves with it.
 */
export async function compactSession(run: Run, deps: ExecutorDeps): Promise<CompactionResult> {
  const { config, store } = deps;
  const entries = store.transcript(run.sessionKey);
  const session = store.get(run.sessionKey);
  if (!session || entries.length < 2)
    throw agentError(
      'GW_ERR_AGENT_NOTHING_TO_COMPACT',
      'there is nothing to compact yet: the session is (almost) empty',
    );
  const { agent, index } = findAgent(config, run.agentId);
  const chain = resolveModelChain(config, agent, index, session.model);
  const primary = chain[0]!.model;
  const window = Math.min(primary.contextWindow ?? Infinity, config.agents.defaults.contextTokens ?? Infinity);
  const budget = Number.isFinite(window) ? window - SUMMARY_MAX_TOKENS - estimateTokens(SYSTEM) - 200 : Infinity;
  const lines = fitNewest(entries.map(renderEntry), budget);
  const instructions = run.compaction?.instructions.trim();
  const prompt = [
    'Summarise this conversation so it can continue from your summary alone.',
    ...(instructions ? [`Pay particular attention to: ${instructions}`] : []),
    ...(lines.length < entries.length ? [`(The oldest ${entries.length - lines.length} messages are left out.)`] : []),
    '',
    '<conversation>',
    ...lines,
    '</conversation>',
  ].join('\n');
  const { turn, model } = await callModelChain(
    chain,
    {
      system: SYSTEM,
      messages: [{ role: 'user', content: prompt }],
      tools: [],
      maxTokens: primary.maxTokens ? Math.min(primary.maxTokens, SUMMARY_MAX_TOKENS) : SUMMARY_MAX_TOKENS,
      signal: run.controller.signal,
      onDelta: () => undefined,
    },
    { logger: deps.logger, env: deps.env },
  );
  const summary = turn.text.trim();
  if (!summary) throw agentError('GW_ERR_AGENT_PROVIDER_RESPONSE', `${model.ref} returned an empty summary`);
  if (run.controller.signal.aborted) throw run.controller.signal.reason;
  const content = `${SUMMARY_HEADER}\n${summary}`;
  store.compact(run.sessionKey, content);
  return {
    text: summary,
    usage: turn.usage,
    model: model.ref,
    before: { messages: entries.length, tokens: entries.reduce((n, e) => n + estimateTokens(e.content), 0) },
    after: { tokens: estimateTokens(content) },
  };
}

function renderEntry(e: TranscriptEntry): string {
  const cut = (text: string) => (text.length > LINE_CHARS ? `${text.slice(0, LINE_CHARS)}…` : text);
  if (e.role === 'user') return `User: ${cut(e.content)}`;
  if (e.role === 'tool') return `Tool ${e.toolName ?? ''} result${e.isError ? ' (error)' : ''}: ${cut(e.content)}`;
  const calls = (e.toolCalls ?? []).map((c) => `[called ${c.name} ${cut(c.arguments)}]`).join(' ');
  return `Assistant: ${cut(e.content)}${calls ? ` ${calls}` : ''}`.trim();
}

/** The newest lines whose estimated tokens fit `budget`, in order. */
function fitNewest(lines: string[], budget: number): string[] {
  const out: string[] = [];
  let used = 0;
  for (let i = lines.length - 1; i >= 0; i--) {
    const cost = estimateTokens(lines[i]) + 2;
    if (used + cost > budget) break;
    out.unshift(lines[i]!);
    used += cost;
  }
  return out;
}
