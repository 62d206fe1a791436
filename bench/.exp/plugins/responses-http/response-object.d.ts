import type { AgentRunResult } from '../../sdk/index.js';
export interface ResponseMeta {
    id: string;
    createdAt: number;
    model: string;
    instructions?: string;
}
export declare function messageItem(id: string, text: string, status: 'in_progress' | 'completed'): {
    type: string;
    id: string;
    status: "in_progress" | "completed";
    role: string;
    content: {
        type: string;
        text: string;
        annotations: never[];
    }[];
};
export declare function functionCallItem(call: {
    id: string;
    name: string;
    arguments: string;
}): {
    type: string;
    id: string;
    call_id: string;
    name: string;
    arguments: string;
    status: string;
};
/** The OpenResponses `response` object for a run (in progress, completed or failed). */
export declare function responseObject(meta: ResponseMeta, outcome?: AgentRunResult): {
    status: string;
    output: unknown[];
    usage: {
        input_tokens: number;
        output_tokens: number;
        total_tokens: number;
    } | null;
    error: null;
    id: string;
    object: string;
    created_at: number;
    model: string;
    instructions: string | null;
    tools: never[];
    parallel_tool_calls: boolean;
    incomplete_details: null;
} | {
    status: string;
    output: never[];
    usage: {
        input_tokens: number;
        output_tokens: number;
        total_tokens: number;
    } | null;
    error: {
        code: string;
        message: string;
        type: string;
    };
    id: string;
    object: string;
    created_at: number;
    model: string;
    instructions: string | null;
    tools: never[];
    parallel_tool_calls: boolean;
    incomplete_details: null;
};
