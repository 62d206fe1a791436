import type { FastifyInstance, FastifyReply } from 'fastify';
import type { KernelRuntime } from '../runtime.js';
declare module 'fastify' {
    interface FastifyContextConfig {
        /** `false` for routes that authenticate on their own (webhooks with their own secret, static UI). */
        auth?: boolean;
    }
}
/** HTTP error body, OpenAI-shaped so OpenAI clients read it too: `{error:{message,type,code}}`. */
export declare function sendHttpError(reply: FastifyReply, status: number, code: string, message: string, extra?: Record<string, unknown>): FastifyReply;
/**
 * The kernel's preamble on every plugin generation's inner Fastify instance: Host check (DNS
 * rebinding), Origin check on state-changing requests, bearer auth with failure rate limiting,
 * and an error handler that never leaks a stack.
 */
export declare function installHttpGuard(app: FastifyInstance, rt: () => KernelRuntime): void;
