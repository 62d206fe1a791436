/**
 * Render the agent's Markdown as Telegram HTML (parse_mode "HTML"): code blocks, inline code,
 * bold, italic, strikethrough and links; everything else is escaped text. Telegram rejects
 * malformed entities with 400, so the sender falls back to plain text when it does.
 */
export declare function markdownToTelegramHtml(markdown: string): string;
/** The Markdown with its markers removed: the plain-text fallback. */
export declare function markdownToPlain(markdown: string): string;
