import { PluginError } from '../../sdk/index.js';
/** Every error the tools-invoke plugin raises itself (README.md lists them). */
export declare const TOOLS_INVOKE_ERRORS: {
    readonly GW_ERR_TOOLS_INVOKE_BAD_REQUEST: {
        readonly wire: "INVALID_REQUEST";
        readonly status: 400;
    };
    readonly GW_ERR_TOOLS_INVOKE_AGENT_UNAVAILABLE: {
        readonly wire: "UNAVAILABLE";
        readonly status: 503;
    };
};
export declare function toolsInvokeError(code: keyof typeof TOOLS_INVOKE_ERRORS, message: string): PluginError;
/**
 * The body of a failed invocation: `{ok:false, error:{type, message}}` with the status the
 * protocol names (400 bad input or tool failure, 404 unknown or not allowed, 503 no agent).
 */
export declare function failureBody(err: unknown): {
    status: number;
    body: {
        ok: false;
        error: {
            type: string;
            message: string;
            code?: string;
        };
    };
};
