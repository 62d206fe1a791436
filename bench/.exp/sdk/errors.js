const HTTP_STATUS = {
    INVALID_REQUEST: 400,
    UNAUTHORIZED: 401,
    FORBIDDEN: 403,
    NOT_FOUND: 404,
    NOT_LINKED: 409,
    NOT_PAIRED: 403,
    AGENT_TIMEOUT: 504,
    UNAVAILABLE: 503,
    RATE_LIMITED: 429,
    INTERNAL: 500,
};
export class PluginError extends Error {
    code;
    wire;
    status;
    details;
    retryable;
    retryAfterMs;
    constructor(code, wire, message, options = {}) {
        super(message, { cause: options.cause });
        this.name = 'PluginError';
        this.code = code;
        this.wire = wire;
        this.status = options.status ?? HTTP_STATUS[wire];
        this.details = options.details;
        this.retryable = options.retryable;
        this.retryAfterMs = options.retryAfterMs;
    }
}
//# sourceMappingURL=errors.js.map