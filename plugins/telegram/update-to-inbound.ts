import type { Message, Update, UserFromGetMe } from 'grammy/types';
import type { InboundMessage } from '../../sdk/index.js';

/** A file attached to a message that the account may download. */
export interface PendingMedia {
  fileId: string;
  kind: 'photo' | 'document' | 'voice' | 'audio' | 'video';
  name: string;
}

/**
 * The router's view of a Telegram update (private and group messages; other updates are
 * skipped). Attachments are returned separately: the account downloads them.
 */
export function updateToInbound(
  update: Update,
  accountId: string,
  me: UserFromGetMe,
): { message: InboundMessage; media: PendingMedia[] } | undefined {
  const msg = update.message;
  if (!msg?.from || msg.from.is_bot) return undefined;
  const chatType =
    msg.chat.type === 'private'
      ? 'direct'
      : msg.chat.type === 'group' || msg.chat.type === 'supergroup'
        ? 'group'
        : undefined;
  if (!chatType) return undefined;
  const media = mediaOf(msg);
  let text = withoutOwnHandle(msg.text ?? msg.caption ?? '', me);
  const quoted = msg.reply_to_message;
  if (quoted && quoted.from?.id !== me.id && (quoted.text || quoted.caption)) {
    text =
      `${text}\n[replying to ${quoted.from?.first_name ?? 'a message'}: ` +
      `${(quoted.text ?? quoted.caption ?? '').slice(0, 500)}]`;
  }
  const senderName = [msg.from.first_name, msg.from.last_name].filter(Boolean).join(' ');
  const message: InboundMessage = {
    channel: 'telegram',
    accountId,
    messageId: String(msg.message_id),
    chatId: String(msg.chat.id),
    chatType,
    senderId: String(msg.from.id),
    ...(senderName ? { senderName } : {}),
    ...(msg.from.username ? { senderUsername: msg.from.username } : {}),
    text,
    mentioned: chatType === 'group' ? mentionsBot(msg, me) : true,
    ...(msg.is_topic_message && msg.message_thread_id !== undefined ? { threadId: String(msg.message_thread_id) } : {}),
    ts: msg.date * 1000,
  };
  return { message, media };
}

/**
 * `/status@mybot args` → `/status args`: a command addressed to this bot reads like a plain one.
 * One addressed to another bot keeps its `@otherbot`, so the router leaves it alone.
 */
export function withoutOwnHandle(text: string, me: UserFromGetMe): string {
  const m = /^(\/[A-Za-z][A-Za-z0-9_]{0,31})@([A-Za-z0-9_]+)(?=[\s:]|$)/.exec(text);
  return m && m[2]!.toLowerCase() === me.username.toLowerCase() ? `${m[1]}${text.slice(m[0].length)}` : text;
}

/** @mention of the bot, a /command@bot, a text mention, or a reply to one of its messages. */
export function mentionsBot(msg: Message, me: UserFromGetMe): boolean {
  if (msg.reply_to_message?.from?.id === me.id) return true;
  const text = msg.text ?? msg.caption ?? '';
  const handle = `@${me.username}`.toLowerCase();
  for (const e of msg.entities ?? msg.caption_entities ?? []) {
    const slice = text.slice(e.offset, e.offset + e.length).toLowerCase();
    if (e.type === 'mention' && slice === handle) return true;
    if (e.type === 'bot_command' && slice.endsWith(handle)) return true;
    if (e.type === 'text_mention' && e.user?.id === me.id) return true;
  }
  return text.toLowerCase().includes(handle);
}

function mediaOf(msg: Message): PendingMedia[] {
  const out: PendingMedia[] = [];
  const largest = msg.photo?.reduce((a, b) =>
    (b.file_size ?? b.width * b.height) > (a.file_size ?? a.width * a.height) ? b : a,
  );
  if (largest) out.push({ fileId: largest.file_id, kind: 'photo', name: 'photo.jpg' });
  if (msg.document)
    out.push({ fileId: msg.document.file_id, kind: 'document', name: msg.document.file_name ?? 'document' });
  if (msg.voice) out.push({ fileId: msg.voice.file_id, kind: 'voice', name: 'voice.ogg' });
  if (msg.audio) out.push({ fileId: msg.audio.file_id, kind: 'audio', name: msg.audio.file_name ?? 'audio.mp3' });
  if (msg.video) out.push({ fileId: msg.video.file_id, kind: 'video', name: msg.video.file_name ?? 'video.mp4' });
  return out;
}
