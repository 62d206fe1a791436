/**
 * WhatsApp's own markup: *bold*, _italic_, ~strike~, ```mono```. Markdown's `**bold**`,
 * `~~strike~~`, headings and links become their WhatsApp form; code blocks stay as they are.
 */
export function markdownToWhatsApp(markdown: string): string {
  const stash: string[] = [];
  const keep = (s: string) => `\u0000${stash.push(s) - 1}\u0000`;
  let text = markdown.replace(/```[\w+-]*\n?([\s\S]*?)```/g, (_m, code: string) =>
    keep(`\`\`\`${code.replace(/\n$/, '')}\`\`\``),
  );
  text = text.replace(/`([^`\n]+)`/g, (_m, code: string) => keep(`\`\`\`${code}\`\`\``));
  text = text
    .replace(/(^|[^*])\*(?=\S)([^*\n]*?\S)\*(?!\*)/g, '$1_$2_')
    .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '*$1*')
    .replace(/__(?=\S)([\s\S]*?\S)__/g, '*$1*')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '~$1~')
    .replace(/^#{1,6}\s+(.+)$/gm, '*$1*')
    .replace(/\[([^\]\n]+)\]\((https?:\/\/[^\s)]+)\)/g, '$1 ($2)');
  return text.replace(/\u0000(\d+)\u0000/g, (_m, i: string) => stash[Number(i)] ?? '');
}
