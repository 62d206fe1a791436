/** Thrown by `send`: `permanent` errors go to the dead-letter list at once. */
export class ChannelSendError extends Error {
    permanent;
    retryAfterMs;
    constructor(message, options) {
        super(message, { cause: options.cause });
        this.name = 'ChannelSendError';
        this.permanent = options.permanent;
        this.retryAfterMs = options.retryAfterMs;
    }
}
//# sourceMappingURL=channel.js.map