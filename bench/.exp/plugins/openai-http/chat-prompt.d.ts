export interface ChatPrompt {
    /** The newest user message: what the agent answers. */
    message: string;
    /** System and developer messages, joined. */
    extraSystemPrompt?: string;
    /** Earlier user/assistant turns, as context for a fresh session. */
    history: Array<{
        role: 'user' | 'assistant';
        text: string;
    }>;
}
/** Text of OpenAI message content: a string or an array of `{type:"text", text}` parts. */
export declare function contentText(content: unknown): string;
/** Split OpenAI `messages` into the agent's message, extra system prompt and prior turns. */
export declare function chatPrompt(messages: unknown): ChatPrompt;
/** The message the agent gets: for a fresh session, the client's earlier turns come along as context. */
export declare function withHistory(prompt: ChatPrompt): string;
