import path from 'node:path';
import { ChannelSendError, type OutboundMessage, type SendResult } from '../../sdk/index.js';
import { toJid } from './jid.js';
import { markdownToWhatsApp } from './markdown-to-whatsapp.js';
import type { WAMessageLike } from './message-to-inbound.js';
import type { WhatsAppSocket } from './whatsapp-socket.js';

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp']);

/**
 * Deliver one outbound part over a connected socket: text in WhatsApp markup, media (URL or
 * local path) as image or document with the text as caption, quoting `quoted` when given.
 */
export async function sendWhatsAppMessage(
  sock: WhatsAppSocket,
  message: OutboundMessage,
  quoted: WAMessageLike | undefined,
): Promise<SendResult> {
  const jid = toJid(message.to);
  if (!jid)
    throw new ChannelSendError(`"${message.to}" is not a WhatsApp number (E.164, e.g. +15551234567) or JID`, {
      permanent: true,
    });
  const options = quoted ? { quoted } : undefined;
  try {
    let lastId: string | undefined;
    const media = message.mediaUrls ?? [];
    for (const [index, url] of media.entries()) {
      const caption = index === 0 && message.text ? markdownToWhatsApp(message.text) : undefined;
      const file = new URL(url, 'file:///').pathname;
      const source = { url: url.startsWith('file://') ? file : url };
      const content = IMAGE_EXT.has(path.extname(file).toLowerCase())
        ? { image: source, ...(caption ? { caption } : {}) }
        : {
            document: source,
            fileName: path.basename(file) || 'file',
            mimetype: 'application/octet-stream',
            ...(caption ? { caption } : {}),
          };
      lastId = (await sock.sendMessage(jid, content, options))?.key?.id ?? lastId;
    }
    if (media.length === 0 && message.text)
      lastId = (await sock.sendMessage(jid, { text: markdownToWhatsApp(message.text) }, options))?.key?.id ?? undefined;
    return lastId ? { platformMessageId: lastId } : {};
  } catch (err) {
    throw new ChannelSendError(`WhatsApp send failed: ${(err as Error).message}`, { permanent: false, cause: err });
  }
}
