import type { Message } from 'grammy/types';
import { badRequest } from './telegram-error.js';
import { entitiesError, type FormattedText, parseFormattedText } from './telegram-formatting.js';
import type { MethodContext } from './telegram-method-context.js';
import { nowSeconds } from './telegram-objects.js';
import { chatIdParam, intParam, stringParam } from './telegram-params.js';

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;

/** Applies `parse_mode` to `text`/`caption`, honouring the test switch that refuses all markup. */
export function formatted(context: MethodContext, text: string, parseModeKey = 'parse_mode'): FormattedText {
  const parseMode = stringParam(context.params, parseModeKey);
  if (context.rejectParseMode && parseMode !== undefined && parseMode !== '') {
    throw entitiesError("Can't find end of the entity starting at byte offset 0");
  }
  return parseFormattedText(text, parseMode);
}

/** Caption fields for media messages, validated like Telegram does. */
export function captionFields(context: MethodContext): Partial<Message> {
  const caption = stringParam(context.params, 'caption');
  if (caption === undefined || caption === '') return {};
  const { text, entities } = formatted(context, caption);
  if (text.length > MAX_CAPTION) throw badRequest('message caption is too long');
  return { caption: text, ...(entities.length > 0 ? { caption_entities: entities } : {}) };
}

/** The common part of every message the bot sends: ids, sender, chat, reply, thread, markup. */
export function outgoingMessage(context: MethodContext): Message {
  const { bot, params } = context;
  const chatId = chatIdParam(params);
  const replyParameters = params.reply_parameters as { message_id?: unknown } | undefined;
  const replyToId =
    intParam(params, 'reply_to_message_id') ??
    (typeof replyParameters?.message_id === 'number' ? replyParameters.message_id : undefined);
  const replyTo = replyToId === undefined ? undefined : bot.message(chatId, replyToId);
  const threadId = intParam(params, 'message_thread_id');
  const message = {
    message_id: bot.nextMessageId(chatId),
    from: bot.user,
    chat: bot.chat(chatId),
    date: nowSeconds(),
    ...(threadId === undefined ? {} : { message_thread_id: threadId }),
    ...(replyTo === undefined ? {} : { reply_to_message: { ...replyTo, reply_to_message: undefined } }),
    ...(params.reply_markup === undefined ? {} : { reply_markup: params.reply_markup }),
  };
  return message as Message;
}

export function sendMessage(context: MethodContext): Message {
  const source = stringParam(context.params, 'text') ?? '';
  chatIdParam(context.params);
  if (source.trim() === '') throw badRequest('message text is empty');
  const { text, entities } = formatted(context, source);
  if (text.length > MAX_TEXT) throw badRequest('message is too long');
  const message = { ...outgoingMessage(context), text, ...(entities.length > 0 ? { entities } : {}) } as Message;
  context.bot.remember(message);
  return message;
}

export function editMessageText(context: MethodContext): Message {
  const { bot, params } = context;
  const chatId = chatIdParam(params);
  const messageId = intParam(params, 'message_id');
  const existing = messageId === undefined ? undefined : bot.message(chatId, messageId);
  if (existing === undefined) throw badRequest('message to edit not found');
  if (existing.from?.id !== bot.identity.id) throw badRequest("message can't be edited");
  const source = stringParam(params, 'text') ?? '';
  if (source.trim() === '') throw badRequest('message text is empty');
  const { text, entities } = formatted(context, source);
  if (text.length > MAX_TEXT) throw badRequest('message is too long');
  const sameMarkup =
    JSON.stringify(existing.reply_markup) === JSON.stringify(params.reply_markup ?? existing.reply_markup);
  if (existing.text === text && JSON.stringify(existing.entities ?? []) === JSON.stringify(entities) && sameMarkup) {
    throw badRequest(
      'message is not modified: specified new message content and reply markup are exactly the same as a current ' +
        'content and reply markup of the message',
    );
  }
  const edited = {
    ...existing,
    text,
    entities: entities.length > 0 ? entities : undefined,
    edit_date: nowSeconds(),
    ...(params.reply_markup === undefined ? {} : { reply_markup: params.reply_markup }),
  } as Message;
  bot.remember(edited);
  return edited;
}

export function deleteMessage(context: MethodContext): true {
  const chatId = chatIdParam(context.params);
  const messageId = intParam(context.params, 'message_id');
  if (messageId === undefined || !context.bot.forget(chatId, messageId))
    throw badRequest('message to delete not found');
  return true;
}
