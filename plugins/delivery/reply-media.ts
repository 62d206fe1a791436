/** A reply line that attaches a file: `MEDIA: <path or https URL>` (Moltbot's convention). */
const MEDIA_LINE = /^[ \t]*MEDIA:[ \t]*(\S+)[ \t]*(?:\r?\n|$)/gm;

/**
 * The agent's answer with its `MEDIA:` lines taken out as attachments. `resolve` returns the
 * usable source for a reference (or undefined when it may not be sent: outside the media
 * folders, missing); such lines stay in the text, so nothing silently disappears.
 */
export function splitReplyMedia(
  text: string,
  resolve: (ref: string) => string | undefined,
): { text: string; mediaUrls: string[] } {
  const mediaUrls: string[] = [];
  const rest = text.replace(MEDIA_LINE, (line, ref: string) => {
    const usable = resolve(ref.replace(/^<|>$/g, ''));
    if (!usable) return line;
    mediaUrls.push(usable);
    return '';
  });
  return { text: mediaUrls.length ? rest.replace(/\n{3,}/g, '\n\n').trim() : text, mediaUrls };
}
