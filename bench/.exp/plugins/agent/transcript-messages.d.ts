import type { ChatMessage } from './provider/model-types.js';
import type { TranscriptEntry } from './session-store.js';
/**
 * Stored entries → model messages, dropping what a provider would refuse: tool calls without a
 * result (a run aborted mid-tool) and results without their call. Returns the index of
 * `keepId`'s message (the run's own user message) in the output.
 */
export declare function transcriptToMessages(entries: TranscriptEntry[], keepId: number): {
    messages: ChatMessage[];
    keepFrom: number;
};
