/**
 * Line prompts for interactive setup (used only when stdin and stdout are TTYs). Lines are
 * queued as they arrive, so answers typed ahead (or pasted at once) are not lost.
 */
export declare class Prompter {
    private readonly output;
    private readonly rl;
    private readonly lines;
    private waiting?;
    private closed;
    constructor(input: NodeJS.ReadableStream, output: NodeJS.WritableStream);
    private nextLine;
    ask(question: string, fallback?: string): Promise<string>;
    choose<T extends string>(question: string, choices: readonly T[], fallback: T): Promise<T>;
    close(): void;
}
