export declare function expandHome(dir: string): string;
/**
 * The system prompt of a run: the agent's prompt (or the default), the workspace's AGENTS.md
 * when present (read fresh each run so edits apply at once, capped at 64 KiB), then the
 * request's extra prompt.
 */
export declare function buildSystemPrompt(parts: {
    agentPrompt?: string;
    workspaceDir: string;
    extra?: string;
    agentId: string;
    agentName?: string;
}): string;
