import type { AgentImage } from '../../sdk/index.js';
import { agentError } from './errors.js';

/** Largest image accepted inline (decoded bytes). */
export const MAX_IMAGE_BYTES = 10 * 1024 * 1024;
export const IMAGE_MIME_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;

/** The image type from its first bytes (what a file says it is counts for nothing). */
export function sniffImageMime(head: Buffer): string | undefined {
  if (head.length >= 8 && head.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])))
    return 'image/png';
  if (head.length >= 3 && head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff) return 'image/jpeg';
  if (head.length >= 6 && /^GIF8[79]a$/.test(head.subarray(0, 6).toString('latin1'))) return 'image/gif';
  if (
    head.length >= 12 &&
    head.subarray(0, 4).toString('latin1') === 'RIFF' &&
    head.subarray(8, 12).toString('latin1') === 'WEBP'
  )
    return 'image/webp';
  return undefined;
}

/**
 * Check one image input: a data URL must hold base64 of a PNG, JPEG, GIF or WebP no larger than
 * MAX_IMAGE_BYTES (its type is taken from its bytes); other URLs must be http(s) (the provider
 * fetches them). Returns the image with a normalised data URL.
 */
export function checkImage(image: AgentImage, label: string): AgentImage {
  const url = image.url.trim();
  if (/^https?:\/\//i.test(url)) return { ...image, url };
  const m = /^data:([^;,]*)(;[^,]*)?,(.*)$/s.exec(url);
  if (!m || !/;base64$/i.test(m[2] ?? ''))
    throw agentError(
      'GW_ERR_AGENT_IMAGE_INVALID',
      `${label}: an image must be an http(s) URL or a data:<type>;base64,… URL`,
    );
  const mime = decodeImage(m[3]!, label);
  return { ...image, url: `data:${mime};base64,${m[3]!.replace(/\s+/g, '')}` };
}

/** Base64 → the sniffed image type, or GW_ERR_AGENT_IMAGE_INVALID saying what is wrong. */
function decodeImage(base64: string, label: string): string {
  const b64 = base64.replace(/\s+/g, '');
  if (!b64 || b64.length % 4 !== 0 || /[^A-Za-z0-9+/=]/.test(b64))
    throw agentError('GW_ERR_AGENT_IMAGE_INVALID', `${label}: the content is not valid base64`);
  const bytes = (b64.length / 4) * 3 - (b64.endsWith('==') ? 2 : b64.endsWith('=') ? 1 : 0);
  if (bytes > MAX_IMAGE_BYTES)
    throw agentError(
      'GW_ERR_AGENT_IMAGE_INVALID',
      `${label}: ${bytes} bytes is larger than the ${MAX_IMAGE_BYTES}-byte limit for an image`,
    );
  const mime = sniffImageMime(Buffer.from(b64.slice(0, 32), 'base64'));
  if (!mime)
    throw agentError(
      'GW_ERR_AGENT_IMAGE_INVALID',
      `${label}: only images are accepted (PNG, JPEG, GIF or WebP); this content is none of them`,
    );
  return mime;
}

/**
 * `chat.send` / `agent` attachments as the existing clients send them —
 * `{type:"image", mimeType, fileName?, content:<base64 or data URL>}` — as image inputs.
 */
export function imageAttachments(attachments: readonly unknown[] | undefined): AgentImage[] | undefined {
  if (!attachments?.length) return undefined;
  return attachments.map((raw, i) => {
    const a = (raw ?? {}) as { type?: unknown; mimeType?: unknown; fileName?: unknown; content?: unknown };
    const label = `attachments[${i}]${typeof a.fileName === 'string' ? ` (${a.fileName})` : ''}`;
    if (typeof a.content !== 'string')
      throw agentError('GW_ERR_AGENT_IMAGE_INVALID', `${label}.content must be the image as a base64 string`);
    const content = a.content.trim();
    const url = content.startsWith('data:') ? content : `data:image;base64,${content}`;
    return checkImage({ url }, label);
  });
}
