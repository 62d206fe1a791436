/**
 * The kernel's error registry: every error has a stable code (`GW_ERR_<AREA>_<WHAT>`), the wire
 * code it maps to (PROTOCOL.md ErrorShape codes) and an HTTP status. docs/reference/errors.md
 * lists every code; kernel/errors.test.ts keeps the two in step.
 */
import type { WireErrorCode } from '../sdk/errors.js';
export type { WireErrorCode };
export declare const KERNEL_ERRORS: {
    readonly GW_ERR_CONFIG_PARSE: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_CONFIG_INVALID: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_CONFIG_CONFLICT: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 409;
    };
    readonly GW_ERR_CONFIG_WRITE: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
    readonly GW_ERR_BIND_INSECURE: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_BIND_ADDRESS: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_PORT_IN_USE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
    readonly GW_ERR_AUTH_REQUIRED: {
        readonly wire: "UNAUTHORIZED";
        readonly status: 401;
    };
    readonly GW_ERR_AUTH_INVALID: {
        readonly wire: "UNAUTHORIZED";
        readonly status: 401;
    };
    readonly GW_ERR_AUTH_RATE_LIMITED: {
        readonly wire: "RATE_LIMITED";
        readonly status: 429;
    };
    readonly GW_ERR_ORIGIN_FORBIDDEN: {
        readonly wire: "FORBIDDEN";
        readonly status: 403;
    };
    readonly GW_ERR_HOST_FORBIDDEN: {
        readonly wire: "FORBIDDEN";
        readonly status: 403;
    };
    readonly GW_ERR_DEVICE_INVALID: {
        readonly wire: "UNAUTHORIZED";
        readonly status: 401;
    };
    readonly GW_ERR_DEVICE_NOT_PAIRED: {
        readonly wire: "NOT_PAIRED";
        readonly status: 403;
    };
    readonly GW_ERR_PROTOCOL_MISMATCH: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_FRAME_INVALID: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_HANDSHAKE_FIRST_FRAME: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_PARAMS_INVALID: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_METHOD_UNKNOWN: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_RESPONSE_TOO_LARGE: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 413;
    };
    readonly GW_ERR_METHOD_DUPLICATE: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
    readonly GW_ERR_SCOPE_FORBIDDEN: {
        readonly wire: "FORBIDDEN";
        readonly status: 403;
    };
    readonly GW_ERR_ROLE_INVALID: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_DRAINING: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
    readonly GW_ERR_NOT_FOUND: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_INTERNAL: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
    readonly GW_ERR_PLUGIN_VERSION: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_PLUGIN_SDK: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_PLUGIN_CONFIG: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_PLUGIN_REGISTER: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
    readonly GW_ERR_PLUGIN_RESOLVE: {
        readonly wire: "NOT_FOUND";
        readonly status: 404;
    };
    readonly GW_ERR_PLUGIN_DEPENDENCY: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
    readonly GW_ERR_PLUGIN_ROUTE_CONFLICT: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_LEASE_INACTIVE: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
    readonly GW_ERR_SERVICE_UNDECLARED: {
        readonly wire: "INTERNAL";
        readonly status: 500;
    };
};
export type KernelErrorCode = keyof typeof KERNEL_ERRORS;
/**
 * An error that crosses the wire as `{code, message, details?, retryable?, retryAfterMs?}`.
 * `code` is the stable internal code; `wire` is the PROTOCOL.md code clients switch on.
 */
export declare class GatewayError extends Error {
    readonly code: string;
    readonly wire: WireErrorCode;
    readonly status: number;
    readonly details?: unknown;
    readonly retryable?: boolean;
    readonly retryAfterMs?: number;
    constructor(code: string, message: string, options?: {
        wire?: WireErrorCode;
        status?: number;
        details?: unknown;
        retryable?: boolean;
        retryAfterMs?: number;
        cause?: unknown;
    });
}
export declare function kernelError(code: KernelErrorCode, message: string, options?: {
    details?: unknown;
    retryable?: boolean;
    retryAfterMs?: number;
    cause?: unknown;
}): GatewayError;
export interface WireError {
    code: WireErrorCode;
    message: string;
    details?: unknown;
    retryable?: boolean;
    retryAfterMs?: number;
}
/** Shape any thrown value for the wire: never a stack, unknown errors become INTERNAL. */
export declare function toWireError(err: unknown): WireError;
