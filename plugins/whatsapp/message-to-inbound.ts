import type { InboundMessage } from '../../sdk/index.js';
import { bareJid, isGroupJid, jidToE164 } from './jid.js';

/** The parts of Baileys' WAMessage we read. */
export interface WAMessageLike {
  key: { remoteJid?: string | null; fromMe?: boolean | null; id?: string | null; participant?: string | null };
  message?: Record<string, any> | null;
  pushName?: string | null;
  messageTimestamp?: number | { toNumber(): number } | null;
}

/**
 * A Baileys message as the router sees it: text from plain, extended text or media captions,
 * the quoted message appended, and "mentioned" when our JID is @mentioned or quoted.
 */
export function messageToInbound(
  msg: WAMessageLike,
  accountId: string,
  selfJid: string | undefined,
): InboundMessage | undefined {
  const chatId = msg.key.remoteJid;
  if (!chatId || msg.key.fromMe || !msg.key.id || !msg.message) return undefined;
  if (chatId === 'status@broadcast' || chatId.endsWith('@newsletter')) return undefined;
  const m = unwrap(msg.message);
  const group = isGroupJid(chatId);
  const senderJid = group ? msg.key.participant : chatId;
  if (!senderJid) return undefined;
  const context = (m.extendedTextMessage ?? m.imageMessage ?? m.videoMessage ?? m.documentMessage)?.contextInfo as
    | { mentionedJid?: string[]; participant?: string; quotedMessage?: Record<string, any> }
    | undefined;
  let text: string =
    m.conversation ??
    m.extendedTextMessage?.text ??
    m.imageMessage?.caption ??
    m.videoMessage?.caption ??
    m.documentMessage?.caption ??
    '';
  const kind = m.imageMessage
    ? 'image'
    : m.videoMessage
      ? 'video'
      : m.documentMessage
        ? 'document'
        : m.audioMessage
          ? 'voice note'
          : undefined;
  if (!text && kind) text = `[${kind}]`;
  const quoted = context?.quotedMessage ? quotedText(unwrap(context.quotedMessage)) : undefined;
  if (quoted) text = `${text}\n[replying to: ${quoted.slice(0, 500)}]`;
  if (!text.trim()) return undefined;
  const self = selfJid ? bareJid(selfJid) : undefined;
  const mentioned =
    !group ||
    Boolean(
      self &&
        ((context?.mentionedJid ?? []).some((j) => bareJid(j) === self) ||
          (context?.participant && bareJid(context.participant) === self) ||
          numberInText(text, jidToE164(self))),
    );
  const ts =
    typeof msg.messageTimestamp === 'number'
      ? msg.messageTimestamp * 1000
      : msg.messageTimestamp
        ? msg.messageTimestamp.toNumber() * 1000
        : Date.now();
  return {
    channel: 'whatsapp',
    accountId,
    messageId: msg.key.id,
    chatId,
    chatType: group ? 'group' : 'direct',
    senderId: jidToE164(senderJid),
    ...(msg.pushName ? { senderName: msg.pushName } : {}),
    text,
    mentioned,
    ts,
  };
}

/** Ephemeral and view-once messages wrap the real one. */
function unwrap(message: Record<string, any>): Record<string, any> {
  return (
    message.ephemeralMessage?.message ??
    message.viewOnceMessage?.message ??
    message.viewOnceMessageV2?.message ??
    message
  );
}

function quotedText(m: Record<string, any>): string | undefined {
  return (
    m.conversation ?? m.extendedTextMessage?.text ?? m.imageMessage?.caption ?? m.videoMessage?.caption ?? undefined
  );
}

/** Our own number typed in the text (`+1 555 999 0000`, `15559990000`) counts as a mention. */
function numberInText(text: string, e164: string): boolean {
  const digits = e164.replace(/\D/g, '');
  return digits.length >= 7 && text.replace(/[\s().-]/g, '').includes(digits);
}
