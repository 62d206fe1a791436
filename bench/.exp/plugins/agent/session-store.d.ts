import type { PluginStore } from '../../sdk/index.js';
import type { ChatMessage, ToolCall, Usage } from './provider/model-types.js';
export interface SessionRow {
    key: string;
    sessionId: string;
    agentId: string;
    createdAt: number;
    updatedAt: number;
    label?: string;
    model?: string;
    thinkingLevel?: string;
    channel?: string;
    origin?: unknown;
    inputTokens: number;
    outputTokens: number;
    messageCount: number;
}
/** One stored transcript entry. */
export interface TranscriptEntry {
    id: number;
    runId?: string;
    role: 'user' | 'assistant' | 'tool';
    content: string;
    toolCalls?: ToolCall[];
    toolCallId?: string;
    toolName?: string;
    isError?: boolean;
    usage?: Usage;
    ts: number;
}
export interface RunRecord {
    runId: string;
    sessionKey: string;
    agentId: string;
    status: 'queued' | 'running' | 'ok' | 'error' | 'aborted' | 'timeout';
    startedAt?: number;
    endedAt?: number;
    text?: string;
    error?: {
        code: string;
        message: string;
    };
}
/** Sessions, transcripts (messages, tool calls, usage) and run records in the embedded store. */
export declare class SessionStore {
    private readonly store;
    constructor(store: PluginStore);
    private get db();
    ensure(key: string, agentId: string, origin?: {
        channel?: string;
    }): SessionRow;
    get(key: string): SessionRow | undefined;
    list(options: {
        limit: number;
        agentId?: string;
        activeSinceMs?: number;
        search?: string;
    }): SessionRow[];
    count(): number;
    patch(key: string, fields: {
        label?: string | null;
        model?: string | null;
        thinkingLevel?: string | null;
    }): SessionRow | undefined;
    /** A fresh transcript under a new session id; label and model settings stay. */
    reset(key: string): SessionRow | undefined;
    delete(key: string): boolean;
    append(key: string, runId: string | undefined, message: ChatMessage, usage?: Usage): number;
    /** The transcript, oldest first; `limit` keeps the newest entries. */
    transcript(key: string, limit?: number): TranscriptEntry[];
    saveRun(run: RunRecord): void;
    run(runId: string): RunRecord | undefined;
    /** Runs left `queued`/`running` by a crash or a restart past the drain deadline. */
    markInterruptedRuns(live: ReadonlySet<string>): number;
    /** Keep the run table bounded (records older than `maxAgeMs`). */
    pruneRuns(maxAgeMs: number): void;
}
