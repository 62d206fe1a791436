import type { ChatMessage, ToolSpec } from './provider/model-types.js';
/** Token estimate: 4 characters a token (documented in README.md; no tokenizer dependency). */
export declare function estimateTokens(value: unknown): number;
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
export declare function fitToContext(system: string, messages: ChatMessage[], tools: ToolSpec[], keepFrom: number, budget: number, mode: 'truncate' | 'off', configKey: string): FitResult;
