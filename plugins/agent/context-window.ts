import { agentError } from './errors.js';
import type { ChatMessage, ToolSpec } from './provider/model-types.js';

/** Token estimate: 4 characters a token (documented in README.md; no tokenizer dependency). */
export function estimateTokens(value: unknown): number {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? '');
  return Math.ceil(text.length / 4);
}

export interface FitResult {
  messages: ChatMessage[];
  droppedMessages: number;
  estimatedTokens: number;
}

/**
 * Keep the prompt within `budget` tokens by dropping the oldest whole turns (a user message and
 * what followed it). Messages from `keepFrom` on (the run's own turn) are never dropped: if they
 * alone do not fit, or `mode` is `off` and something would have to go, the run fails with a
 * clear error instead of silently losing the newest turn.
 */
export function fitToContext(
  system: string,
  messages: ChatMessage[],
  tools: ToolSpec[],
  keepFrom: number,
  budget: number,
  mode: 'truncate' | 'off',
  configKey: string,
): FitResult {
  const fixed = estimateTokens(system) + estimateTokens(tools);
  const costs = messages.map((m) => estimateTokens(m) + 4);
  let total = fixed + costs.reduce((a, b) => a + b, 0);
  if (total <= budget) return { messages, droppedMessages: 0, estimatedTokens: total };
  const mustKeep = fixed + costs.slice(keepFrom).reduce((a, b) => a + b, 0);
  if (mustKeep > budget) {
    throw agentError(
      'GW_ERR_AGENT_CONTEXT_OVERFLOW',
      `the current turn needs about ${mustKeep} tokens but the context budget is ${budget}: send a shorter message, ` +
        `or raise ${configKey}`,
      {
        details: { estimatedTokens: mustKeep, budget },
      },
    );
  }
  if (mode === 'off') {
    throw agentError(
      'GW_ERR_AGENT_CONTEXT_OVERFLOW',
      `the session transcript (about ${total} tokens) exceeds the context budget of ${budget}: reset the session ` +
        '(sessions.reset) or set agents.defaults.compaction.mode to "truncate"',
      {
        details: { estimatedTokens: total, budget },
      },
    );
  }
  let start = 0;
  while (total > budget && start < keepFrom) {
    // Drop one whole turn: up to (not including) the next user message, bounded by keepFrom.
    let end = start + 1;
    while (end < keepFrom && messages[end]!.role !== 'user') end++;
    for (let i = start; i < end; i++) total -= costs[i]!;
    start = end;
  }
  return { messages: messages.slice(start), droppedMessages: start, estimatedTokens: total };
}
