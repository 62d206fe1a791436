import type { WAMessageLike } from './message-to-inbound.js';

/** An attachment of a WhatsApp message that the account may download. */
export interface WhatsAppMedia {
  kind: 'image' | 'video' | 'audio' | 'document' | 'sticker';
  /** A name for the saved file (the sender's for documents). */
  fileName: string;
  /** What WhatsApp says the size is (checked against mediaMaxMb before downloading). */
  declaredBytes?: number;
}

const KINDS = [
  ['imageMessage', 'image', 'image.jpg'],
  ['videoMessage', 'video', 'video.mp4'],
  ['audioMessage', 'audio', 'voice.ogg'],
  ['documentMessage', 'document', 'document'],
  ['stickerMessage', 'sticker', 'sticker.webp'],
] as const;

/** The attachment a message carries (WhatsApp sends at most one per message), if any. */
export function mediaOfMessage(msg: WAMessageLike): WhatsAppMedia | undefined {
  const m = unwrapped(msg.message ?? {});
  for (const [field, kind, fallback] of KINDS) {
    const part = m[field] as { fileName?: string; fileLength?: number | string | { toNumber(): number } } | undefined;
    if (!part) continue;
    const length = part.fileLength;
    const declaredBytes =
      typeof length === 'number'
        ? length
        : typeof length === 'string'
          ? Number(length)
          : length
            ? length.toNumber()
            : undefined;
    return {
      kind,
      fileName: (kind === 'document' && part.fileName) || fallback,
      ...(declaredBytes !== undefined && Number.isFinite(declaredBytes) ? { declaredBytes } : {}),
    };
  }
  return undefined;
}

function unwrapped(message: Record<string, any>): Record<string, any> {
  return (
    message.ephemeralMessage?.message ??
    message.viewOnceMessage?.message ??
    message.viewOnceMessageV2?.message ??
    message
  );
}
