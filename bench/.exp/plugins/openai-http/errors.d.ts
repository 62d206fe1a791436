import { PluginError } from '../../sdk/index.js';
/** Every error the openai-http plugin raises (README.md lists them). */
export declare const OPENAI_HTTP_ERRORS: {
    readonly GW_ERR_OPENAI_HTTP_BAD_REQUEST: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_OPENAI_HTTP_AGENT_UNAVAILABLE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
};
export declare function openAiHttpError(code: keyof typeof OPENAI_HTTP_ERRORS, message: string): PluginError;
/** OpenAI's error `type` for an HTTP status, so OpenAI SDKs classify our errors as theirs. */
export declare function openAiErrorType(status: number): string;
/** `{error:{message,type,code}}` from any error (PluginError, Fastify's own, or unexpected). */
export declare function openAiErrorBody(err: unknown): {
    status: number;
    body: {
        error: {
            message: string;
            type: string;
            code: string;
            param: null;
        };
    };
};
