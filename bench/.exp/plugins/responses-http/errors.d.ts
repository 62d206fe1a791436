import { PluginError } from '../../sdk/index.js';
/** Every error the responses-http plugin raises itself (README.md lists them). */
export declare const RESPONSES_HTTP_ERRORS: {
    readonly GW_ERR_RESPONSES_HTTP_BAD_REQUEST: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_RESPONSES_HTTP_AGENT_UNAVAILABLE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
};
export declare function responsesError(code: keyof typeof RESPONSES_HTTP_ERRORS, message: string): PluginError;
export declare function errorType(status: number): string;
/** `{error:{message,type,code}}` (OpenAI's shape) for any thrown error, never a stack. */
export declare function errorBody(err: unknown): {
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
