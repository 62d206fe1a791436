import { PluginError } from '../../sdk/index.js';
/**
 * Every error the agent plugin raises: stable code → wire code and HTTP status. README.md lists
 * each one; errors.test.ts keeps the two in step.
 */
export declare const AGENT_ERRORS: {
    readonly GW_ERR_AGENT_NO_PROVIDER: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
    readonly GW_ERR_AGENT_MODEL_REF: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_AGENT_MODEL_UNKNOWN: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_AGENT_UNKNOWN: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_AGENT_PROVIDER_AUTH: {
        readonly wire: "UNAVAILABLE";
        readonly status: 502;
    };
    readonly GW_ERR_AGENT_PROVIDER_UNREACHABLE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 502;
    };
    readonly GW_ERR_AGENT_PROVIDER_RATE_LIMITED: {
        readonly wire: "RATE_LIMITED";
        readonly status: 429;
    };
    readonly GW_ERR_AGENT_PROVIDER_FAILED: {
        readonly wire: "UNAVAILABLE";
        readonly status: 502;
    };
    readonly GW_ERR_AGENT_PROVIDER_TIMEOUT: {
        readonly wire: "UNAVAILABLE";
        readonly status: 504;
    };
    readonly GW_ERR_AGENT_PROVIDER_RESPONSE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 502;
    };
    readonly GW_ERR_AGENT_API_KEY_MISSING: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
    readonly GW_ERR_AGENT_TIMEOUT: {
        readonly wire: "AGENT_TIMEOUT";
        readonly status: 504;
    };
    readonly GW_ERR_AGENT_ABORTED: {
        readonly wire: "UNAVAILABLE";
        readonly status: 499;
    };
    readonly GW_ERR_AGENT_STEP_LIMIT: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
    readonly GW_ERR_AGENT_CONTEXT_OVERFLOW: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_AGENT_QUEUE_FULL: {
        readonly wire: "RATE_LIMITED";
        readonly status: 429;
    };
    readonly GW_ERR_AGENT_DRAINING: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
    readonly GW_ERR_AGENT_SESSION_NOT_FOUND: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_AGENT_SESSION_INVALID: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_AGENT_RUN_NOT_FOUND: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_AGENT_TOOL_NOT_FOUND: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_AGENT_TOOL_DENIED: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_AGENT_TOOL_ARGS: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_AGENT_NOT_LINKED: {
        readonly wire: "NOT_LINKED";
        readonly status: 409;
    };
    readonly GW_ERR_AGENT_OUTBOUND_UNAVAILABLE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
};
export type AgentErrorCode = keyof typeof AGENT_ERRORS;
export declare function agentError(code: AgentErrorCode, message: string, options?: {
    details?: unknown;
    retryable?: boolean;
    retryAfterMs?: number;
    cause?: unknown;
}): PluginError;
export declare function isPluginError(err: unknown): err is PluginError;
