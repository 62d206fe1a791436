export const KERNEL_ERRORS = {
    GW_ERR_CONFIG_PARSE: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_CONFIG_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_CONFIG_CONFLICT: { wire: 'INVALID_REQUEST', status: 409 },
    GW_ERR_CONFIG_WRITE: { wire: 'INTERNAL', status: 500 },
    GW_ERR_BIND_INSECURE: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_BIND_ADDRESS: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_PORT_IN_USE: { wire: 'UNAVAILABLE', status: 503 },
    GW_ERR_AUTH_REQUIRED: { wire: 'UNAUTHORIZED', status: 401 },
    GW_ERR_AUTH_INVALID: { wire: 'UNAUTHORIZED', status: 401 },
    GW_ERR_AUTH_RATE_LIMITED: { wire: 'RATE_LIMITED', status: 429 },
    GW_ERR_ORIGIN_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
    GW_ERR_HOST_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
    GW_ERR_DEVICE_INVALID: { wire: 'UNAUTHORIZED', status: 401 },
    GW_ERR_DEVICE_NOT_PAIRED: { wire: 'NOT_PAIRED', status: 403 },
    GW_ERR_PROTOCOL_MISMATCH: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_FRAME_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_HANDSHAKE_FIRST_FRAME: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_PARAMS_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_METHOD_UNKNOWN: { wire: 'NOT_FOUND', status: 404 },
    GW_ERR_RESPONSE_TOO_LARGE: { wire: 'INVALID_REQUEST', status: 413 },
    GW_ERR_METHOD_DUPLICATE: { wire: 'INTERNAL', status: 500 },
    GW_ERR_SCOPE_FORBIDDEN: { wire: 'FORBIDDEN', status: 403 },
    GW_ERR_ROLE_INVALID: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_DRAINING: { wire: 'UNAVAILABLE', status: 503 },
    GW_ERR_NOT_FOUND: { wire: 'NOT_FOUND', status: 404 },
    GW_ERR_INTERNAL: { wire: 'INTERNAL', status: 500 },
    GW_ERR_PLUGIN_VERSION: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_PLUGIN_SDK: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_PLUGIN_CONFIG: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_PLUGIN_REGISTER: { wire: 'INTERNAL', status: 500 },
    GW_ERR_PLUGIN_RESOLVE: { wire: 'NOT_FOUND', status: 404 },
    GW_ERR_PLUGIN_DEPENDENCY: { wire: 'UNAVAILABLE', status: 503 },
    GW_ERR_PLUGIN_ROUTE_CONFLICT: { wire: 'INVALID_REQUEST', status: 400 },
    GW_ERR_LEASE_INACTIVE: { wire: 'INTERNAL', status: 500 },
    GW_ERR_SERVICE_UNDECLARED: { wire: 'INTERNAL', status: 500 },
};
/**
 * An error that crosses the wire as `{code, message, details?, retryable?, retryAfterMs?}`.
 * `code` is the stable internal code; `wire` is the PROTOCOL.md code clients switch on.
 */
export class GatewayError extends Error {
    code;
    wire;
    status;
    details;
    retryable;
    retryAfterMs;
    constructor(code, message, options = {}) {
        super(message, { cause: options.cause });
        this.name = 'GatewayError';
        this.code = code;
        const spec = KERNEL_ERRORS[code];
        this.wire = options.wire ?? spec?.wire ?? 'INTERNAL';
        this.status = options.status ?? spec?.status ?? 500;
        this.details = options.details;
        this.retryable = options.retryable;
        this.retryAfterMs = options.retryAfterMs;
    }
}
export function kernelError(code, message, options = {}) {
    return new GatewayError(code, message, options);
}
/** Shape any thrown value for the wire: never a stack, unknown errors become INTERNAL. */
export function toWireError(err) {
    if (err instanceof GatewayError || isCodedError(err)) {
        const e = err;
        const out = { code: e.wire ?? 'INTERNAL', message: e.message };
        const details = e.details === undefined ? { errorCode: e.code } : { errorCode: e.code, ...asObject(e.details) };
        out.details = details;
        if (e.retryable !== undefined)
            out.retryable = e.retryable;
        if (e.retryAfterMs !== undefined)
            out.retryAfterMs = e.retryAfterMs;
        return out;
    }
    return { code: 'INTERNAL', message: 'internal error' };
}
function isCodedError(err) {
    return err instanceof Error && typeof err.code === 'string' && typeof err.wire === 'string';
}
function asObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : { value: v };
}
//# sourceMappingURL=errors.js.map