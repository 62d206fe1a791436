import type { FastifyInstance } from 'fastify';
import type { WireErrorCode } from './errors.js';

/**
 * One HTTP error as the kernel hands it to an endpoint's error body: whatever refused the
 * request — the kernel's guard (401 no or wrong secret, 403 Host/Origin, 429 too many failures),
 * the router (405 wrong method), the body parser (400, 413, 415), a route `schema`, or a
 * `PluginError` thrown by the handler.
 */
export interface HttpErrorInfo {
  /** The HTTP status the response gets. */
  status: number;
  /** PROTOCOL.md's wire code (`UNAUTHORIZED`, `INVALID_REQUEST`, …). */
  code: WireErrorCode;
  /** The stable `GW_ERR_…` code (`GW_ERR_AUTH_INVALID`, `GW_ERR_HTTP_BODY_TOO_LARGE`, your own). */
  errorCode: string;
  message: string;
  /** Structured details (schema problems, limits), without `errorCode`. */
  details?: Record<string, unknown>;
  retryAfterMs?: number;
  retryable?: boolean;
}

/** A request that failed its route's `schema`, as `config.schemaError` gets it. */
export interface RouteSchemaProblem {
  message: string;
  /** `{problems: [{pointer, message}, …]}`. */
  details: Record<string, unknown>;
}

/** Turns an error into the JSON body an endpoint documents (the status is already decided). */
export type HttpErrorBody = (error: HttpErrorInfo) => unknown;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** `false` for routes that authenticate on their own (webhooks with their own secret, static UI). */
    auth?: boolean;
    /** This route's error body, for its own errors and the kernel's refusals (default: the gateway's). */
    errorBody?: HttpErrorBody;
    /**
     * The error a request failing this route's `schema` becomes, so the endpoint keeps its
     * documented code (default: the kernel's GW_ERR_HTTP_BODY_INVALID). `message` names each
     * problem (`invalid request body: (root): missing required field "messages"`).
     */
    schemaError?: (problem: RouteSchemaProblem) => Error;
  }
}

/**
 * Every route `app` registers after this call answers errors in `body`'s shape — the handler's
 * own and the kernel's refusals on those routes (401, 403, 405, 413, 415, 429, schema errors).
 * A route's own `config.errorBody` still wins. Encapsulated like any Fastify hook.
 */
export function useErrorBody(app: FastifyInstance, body: HttpErrorBody): void {
  app.addHook('onRoute', (route) => {
    route.config = { ...(route.config ?? {}), errorBody: route.config?.errorBody ?? body } as typeof route.config;
  });
}
