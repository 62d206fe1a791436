export interface ResponsesPrompt {
    message: string;
    extraSystemPrompt?: string;
    history: Array<{
        role: 'user' | 'assistant';
        text: string;
    }>;
    tools: Array<{
        name: string;
        description?: string;
        parameters?: Record<string, unknown>;
    }>;
}
/**
 * OpenResponses `input` (a string, or items: messages, `function_call`, `function_call_output`)
 * plus `instructions` and client `tools` → what the agent runs. Function outputs become part of
 * the user message ("Result of function call …") so the model sees the client's answers.
 */
export declare function responsesPrompt(body: {
    input?: unknown;
    instructions?: unknown;
    tools?: unknown;
}): ResponsesPrompt;
export declare function withHistory(p: ResponsesPrompt): string;
