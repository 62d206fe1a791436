import type { BotCommand, Chat, Message, User } from 'grammy/types';
import { type BotIdentity, botUser, buildChat, chatTypeOf } from './telegram-objects.js';
import { UpdateQueue } from './telegram-update-queue.js';

export type TokenMode = 'ok' | 'unauthorized';

/** Everything the fake remembers for one bot token. */
export class BotState {
  readonly updates = new UpdateQueue();
  mode: TokenMode = 'ok';
  webhookUrl = '';
  readonly commands = new Map<string, BotCommand[]>();
  /** Callback query ids that were injected and not answered yet. */
  readonly openCallbackQueries = new Set<string>();
  readonly #chats = new Map<number, Chat>();
  readonly #messages = new Map<string, Message>();
  readonly #lastMessageId = new Map<number, number>();
  readonly #lastBotMessage = new Map<number, Message>();

  constructor(readonly identity: BotIdentity) {}

  get user(): User {
    return botUser(this.identity);
  }

  /** The chat as last seen in an injected update, else one derived from the id's range. */
  chat(chatId: number): Chat {
    return this.#chats.get(chatId) ?? buildChat(chatId, chatTypeOf(chatId));
  }

  rememberChat(chat: Chat): void {
    this.#chats.set(chat.id, chat);
  }

  /** Message ids count up per chat, shared by incoming and outgoing messages, as in Telegram. */
  nextMessageId(chatId: number): number {
    const next = (this.#lastMessageId.get(chatId) ?? 0) + 1;
    this.#lastMessageId.set(chatId, next);
    return next;
  }

  remember(message: Message): void {
    this.#messages.set(`${message.chat.id}:${message.message_id}`, message);
    if (message.from?.id === this.identity.id) this.#lastBotMessage.set(message.chat.id, message);
  }

  message(chatId: number, messageId: number): Message | undefined {
    return this.#messages.get(`${chatId}:${messageId}`);
  }

  forget(chatId: number, messageId: number): boolean {
    return this.#messages.delete(`${chatId}:${messageId}`);
  }

  lastBotMessage(chatId: number): Message | undefined {
    return this.#lastBotMessage.get(chatId);
  }
}
