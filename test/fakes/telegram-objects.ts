import type { Chat, MessageEntity, User } from 'grammy/types';

/** The bot a token belongs to, as `getMe` reports it. */
export interface BotIdentity {
  id: number;
  username: string;
  first_name: string;
}

export type ChatType = 'private' | 'group' | 'supergroup';

export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

export function botUser(identity: BotIdentity): User {
  return { id: identity.id, is_bot: true, first_name: identity.first_name, username: identity.username };
}

export function humanUser(id: number, username?: string): User {
  return {
    id,
    is_bot: false,
    first_name: username === undefined ? `User ${id}` : username,
    ...(username === undefined ? {} : { username }),
    language_code: 'en',
  };
}

/** Telegram's id ranges: users are positive, basic groups negative, supergroups below -10^12. */
export function chatTypeOf(chatId: number): ChatType {
  if (chatId > 0) return 'private';
  return chatId <= -1_000_000_000_000 ? 'supergroup' : 'group';
}

export function buildChat(chatId: number, type: ChatType, user?: User): Chat {
  if (type === 'private') {
    return {
      id: chatId,
      type: 'private',
      first_name: user?.first_name ?? `User ${chatId}`,
      ...(user?.username === undefined ? {} : { username: user.username }),
    };
  }
  return { id: chatId, type, title: type === 'group' ? `Test group ${-chatId}` : `Test supergroup ${-chatId}` };
}

/** Entities the Telegram client would attach to typed text: a leading /command and @mentions. */
export function detectEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  const command = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]{3,32})?/.exec(text);
  if (command) entities.push({ type: 'bot_command', offset: 0, length: command[0].length });
  for (const mention of text.matchAll(/(?<![\w@])@[A-Za-z][A-Za-z0-9_]{4,31}\b/g)) {
    entities.push({ type: 'mention', offset: mention.index ?? 0, length: mention[0].length });
  }
  return entities;
}
