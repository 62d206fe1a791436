import type { AgentRunResult, AgentSubmitRequest, PluginError } from '../../sdk/index.js';

/** What a `/compact` run did. */
export interface CompactionStats {
  before: { messages: number; tokens: number };
  after: { tokens: number };
  model: string;
}

/** Why a run was stopped from outside. */
export class RunStop extends Error {
  constructor(
    readonly kind: 'abort' | 'timeout' | 'interrupt' | 'superseded' | 'shutdown',
    message: string,
  ) {
    super(message);
    this.name = 'RunStop';
  }
}

/** A run's result plus, for errors, the original error (so methods answer with its code). */
export interface RunOutcome extends AgentRunResult {
  sessionKey: string;
  failure?: PluginError;
  startedAt?: number;
  endedAt: number;
  model?: string;
}

/** One queued or running agent run. */
export interface Run {
  runId: string;
  sessionKey: string;
  agentId: string;
  message: string;
  request: AgentSubmitRequest;
  timeoutMs: number;
  controller: AbortController;
  createdAt: number;
  startedAt?: number;
  seq: number;
  /** Runs folded into this one (`messages.queue.mode: "collect"`). */
  merged: Run[];
  /** `/compact`: this run summarises the session's transcript instead of answering a message. */
  compaction?: { instructions: string; result?: CompactionStats };
  /** `/verbose on` for the session when the run started: tool calls are summarised in the chat. */
  verbose?: boolean;
  done: Promise<RunOutcome>;
  resolve(outcome: RunOutcome): void;
}
