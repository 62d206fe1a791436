/**
 * Remove bot tokens from text headed for logs, status or the store: fetch errors quote the
 * request URL, and Bot API URLs carry the token (`/bot<token>/method`).
 */
export function redactToken(text: string, token?: string): string {
  let out = text.replace(/\/(file\/)?bot[^/\s]+\//g, (_m, file: string | undefined) => `/${file ?? ''}bot<redacted>/`);
  if (token) out = out.split(token).join('<redacted>');
  return out.replace(/\b\d{3,}:[A-Za-z0-9_-]{20,}\b/g, '<redacted>');
}
