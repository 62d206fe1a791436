import { type AgentRunOrigin, type AgentService, type AgentSubmitRequest, type PluginContext, type SessionsService } from '../../sdk/index.js';
import type { AgentPluginConfigT } from './config-schema.js';
import { RunStop, type RunOutcome } from './run-types.js';
import type { SessionStore } from './session-store.js';
type Ctx = PluginContext<AgentPluginConfigT>;
/**
 * The agent runtime: accepts messages, queues them per session, runs turns, streams events,
 * remembers outcomes (for `agent.wait` and idempotent retries). Provided as services `agent`
 * and `sessions`.
 */
export declare class AgentRuntime implements AgentService, SessionsService {
    private readonly ctx;
    readonly store: SessionStore;
    private readonly lanes;
    private readonly runs;
    private readonly outcomes;
    private readonly idempotent;
    private draining;
    constructor(ctx: Ctx, store: SessionStore);
    get config(): AgentPluginConfigT;
    get mainKey(): string;
    defaultAgentId(): string;
    agents(): Array<{
        id: string;
        name?: string;
        default: boolean;
    }>;
    /** The agent id to use, or GW_ERR_AGENT_UNKNOWN naming the known ones. */
    resolveAgentId(agentId: string | undefined): string;
    /** Fail fast (before a run is accepted) when no model could be called. */
    preflight(agentId: string, sessionKey?: string): void;
    sessionKeyFor(origin: AgentRunOrigin, agentId?: string): string;
    normalizeKey(raw: string | undefined, agentId: string): string;
    queueDepth(): number;
    count(): number;
    laneState(sessionKey: string): {
        running?: string;
        waiting: number;
    };
    submit(request: AgentSubmitRequest): {
        runId: string;
        done: Promise<RunOutcome>;
    };
    abort(runId: string, stop?: RunStop): boolean;
    abortSession(sessionKey: string, stop?: RunStop): string[];
    /** A run's outcome: live, remembered, or from the store. */
    wait(runId: string, timeoutMs: number): Promise<RunOutcome | {
        runId: string;
        status: 'timeout' | 'queued' | 'running';
    } | undefined>;
    invokeTool(request: Parameters<NonNullable<AgentService['invokeTool']>>[0]): Promise<unknown>;
    /** Stop taking runs and let the accepted ones finish (the kernel bounds the wait). */
    drain(): void;
    /** The lease ended: whatever still runs is stopped. */
    shutdown(): void;
    private emitEvent;
    private execute;
    private finish;
    private remember;
    private pruneIdempotency;
}
export {};
