import path from 'node:path';
import { ChannelSendError, type OutboundMessage, type SendResult } from '../../sdk/index.js';
import { toJid } from './jid.js';
import { markdownToWhatsApp } from './markdown-to-whatsapp.js';
import type { WAMessageLike } from './message-to-inbound.js';
import { MediaFetchError } from './public-media-fetch.js';
import type { WhatsAppSocket } from './whatsapp-socket.js';

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp']);
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/gif', 'image/webp']);

/**
 * Deliver one outbound part over a connected socket: text in WhatsApp markup, media (URL or
 * local path) as image or document with the text as caption, quoting `quoted` when given.
 */
export async function sendWhatsAppMessage(
  sock: WhatsAppSocket,
  message: OutboundMessage,
  quoted: WAMessageLike | undefined,
  fetchMedia: (url: string) => Promise<{ data: Buffer; contentType?: string }>,
): Promise<SendResult> {
  const jid = toJid(message.to);
  if (!jid)
    throw new ChannelSendError(`"${message.to}" is not a WhatsApp number (E.164, e.g. +15551234567) or JID`, {
      permanent: true,
    });
  const options = quoted ? { quoted } : undefined;
  // Remote files are fetched here, before anything is sent (a retry then repeats nothing), and
  // only from public addresses: Baileys would fetch any URL, the gateway's own network included.
  const parts: Array<{ url: string; data?: Buffer; contentType?: string }> = [];
  const notAttached: string[] = [];
  for (const url of message.mediaUrls ?? []) {
    if (!/^https?:\/\//i.test(url)) {
      parts.push({ url });
      continue;
    }
    try {
      parts.push({ url, ...(await fetchMedia(url)) });
    } catch (err) {
      if (!(err instanceof MediaFetchError) || !err.permanent)
        throw new ChannelSendError(`WhatsApp media: ${(err as Error).message}`, { permanent: false, cause: err });
      // The reply still goes; the chat is told what is missing instead of losing it all.
      notAttached.push(`⚠️ not attached: ${err.message}`);
    }
  }
  const text = [message.text, ...notAttached].filter(Boolean).join('\n\n');
  try {
    let lastId: string | undefined;
    for (const [index, part] of parts.entries()) {
      const caption = index === 0 && text ? markdownToWhatsApp(text) : undefined;
      const file = new URL(part.url, 'file:///').pathname;
      const source = part.data ?? { url: part.url.startsWith('file://') ? file : part.url };
      const isImage = part.contentType
        ? IMAGE_TYPES.has(part.contentType)
        : IMAGE_EXT.has(path.extname(file).toLowerCase());
      const content = isImage
        ? { image: source, ...(caption ? { caption } : {}) }
        : {
            document: source,
            fileName: path.basename(file) || 'file',
            mimetype: part.contentType ?? 'application/octet-stream',
            ...(caption ? { caption } : {}),
          };
      lastId = (await sock.sendMessage(jid, content, options))?.key?.id ?? lastId;
    }
    if (parts.length === 0 && text)
      lastId = (await sock.sendMessage(jid, { text: markdownToWhatsApp(text) }, options))?.key?.id ?? undefined;
    return lastId ? { platformMessageId: lastId } : {};
  } catch (err) {
    throw new ChannelSendError(`WhatsApp send failed: ${(err as Error).message}`, { permanent: false, cause: err });
  }
}
