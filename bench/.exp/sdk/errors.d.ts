/**
 * Errors a plugin throws from a method handler or route. `code` is the plugin's stable code
 * (`GW_ERR_<ID>_<WHAT>`); `wire` is the PROTOCOL.md code clients switch on. Over the wire only
 * `{code: wire, message, details}` travels, never a stack.
 */
export type WireErrorCode = 'INVALID_REQUEST' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'NOT_LINKED' | 'NOT_PAIRED' | 'AGENT_TIMEOUT' | 'UNAVAILABLE' | 'RATE_LIMITED' | 'INTERNAL';
export declare class PluginError extends Error {
    readonly code: string;
    readonly wire: WireErrorCode;
    readonly status: number;
    readonly details?: unknown;
    readonly retryable?: boolean;
    readonly retryAfterMs?: number;
    constructor(code: string, wire: WireErrorCode, message: string, options?: {
        details?: unknown;
        retryable?: boolean;
        retryAfterMs?: number;
        cause?: unknown;
        status?: number;
    });
}
