/**
 * Render the agent's Markdown as Telegram HTML (parse_mode "HTML"): code blocks, inline code,
 * bold, italic, strikethrough and links; everything else is escaped text. Telegram rejects
 * malformed entities with 400, so the sender falls back to plain text when it does.
 */
export function markdownToTelegramHtml(markdown: string): string {
  const stash: string[] = [];
  const keep = (html: string) => `\u0000${stash.push(html) - 1}\u0000`;
  let text = markdown.replace(/```([\w+-]*)\n?([\s\S]*?)```/g, (_m, lang: string, code: string) =>
    keep(
      lang
        ? `<pre><code class="language-${escapeHtml(lang)}">${escapeHtml(code.replace(/\n$/, ''))}</code></pre>`
        : `<pre>${escapeHtml(code.replace(/\n$/, ''))}</pre>`,
    ),
  );
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`<code>${escapeHtml(code)}</code>`));
  text = text.replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, (_m, label: string, url: string) =>
    keep(`<a href="${escapeHtml(url)}">${escapeHtml(label)}</a>`),
  );
  text = escapeHtml(text);
  text = text
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<b>$1</b>')
    .replace(/__(?=\S)([\s\S]*?\S)__/g, '<b>$1</b>')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '<s>$1</s>')
    .replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, '$1<i>$2</i>')
    .replace(/(^|[^\w])_(?=\S)([^_\n]*?\S)_(?!\w)/g, '$1<i>$2</i>')
    .replace(/^#{1,6}\s+(.+)$/gm, '<b>$1</b>');
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => stash[Number(i)] ?? '');
}

/** The Markdown with its markers removed: the plain-text fallback. */
export function markdownToPlain(markdown: string): string {
  return markdown
    .replace(/```[\w+-]*\n?([\s\S]*?)```/g, '$1')
    .replace(/`([^`\n]+)`/g, '$1')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 ($2)')
    .replace(/\*\*([\s\S]*?)\*\*/g, '$1')
    .replace(/~~([\s\S]*?)~~/g, '$1')
    .replace(/^#{1,6}\s+/gm, '');
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
