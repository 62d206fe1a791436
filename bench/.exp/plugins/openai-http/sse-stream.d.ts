import type { FastifyReply } from 'fastify';
/**
 * An SSE response on a hijacked reply: `data:` lines, ended by `data: [DONE]`. A comment line
 * every 15 s keeps proxies from cutting a stream while tools run.
 */
export declare class SseStream {
    private readonly reply;
    private closed;
    private readonly keepalive;
    constructor(reply: FastifyReply);
    get open(): boolean;
    send(data: unknown, event?: string): void;
    end(done?: boolean): void;
}
/** Aborted when the client goes away before the response is complete. */
export declare function clientGone(reply: FastifyReply): AbortSignal;
