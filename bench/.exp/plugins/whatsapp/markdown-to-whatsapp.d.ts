/**
 * WhatsApp's own markup: *bold*, _italic_, ~strike~, ```mono```. Markdown's `**bold**`,
 * `~~strike~~`, headings and links become their WhatsApp form; code blocks stay as they are.
 */
export declare function markdownToWhatsApp(markdown: string): string;
