import type { BotCommand, File } from 'grammy/types';
import { badRequest, conflict } from './telegram-error.js';
import { getUpdates } from './telegram-get-updates.js';
import { mediaMethods } from './telegram-media.js';
import { deleteMessage, editMessageText, sendMessage } from './telegram-messages.js';
import type { MethodContext, MethodHandler } from './telegram-method-context.js';
import { boolParam, chatIdParam, stringParam } from './telegram-params.js';

const CHAT_ACTIONS = new Set([
  'typing',
  'upload_photo',
  'record_video',
  'upload_video',
  'record_voice',
  'upload_voice',
  'upload_document',
  'choose_sticker',
  'find_location',
  'record_video_note',
  'upload_video_note',
]);

/** Every Bot API method the fake implements, by its canonical name. */
export const METHODS: Record<string, MethodHandler> = {
  getMe: ({ bot }) => ({
    ...bot.user,
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: false,
    can_connect_to_business: false,
    has_main_web_app: false,
  }),
  getUpdates,
  setWebhook,
  deleteWebhook: ({ bot, params }) => {
    bot.webhookUrl = '';
    if (boolParam(params, 'drop_pending_updates')) bot.updates.dropAll();
    return true;
  },
  getWebhookInfo: ({ bot }) => ({
    url: bot.webhookUrl,
    has_custom_certificate: false,
    pending_update_count: bot.updates.pendingCount,
  }),
  setMyCommands,
  getMyCommands: ({ bot, params }) => bot.commands.get(commandsKey(params)) ?? [],
  deleteMyCommands: ({ bot, params }) => {
    bot.commands.delete(commandsKey(params));
    return true;
  },
  sendMessage,
  editMessageText,
  deleteMessage,
  ...mediaMethods,
  sendChatAction: ({ params }) => {
    chatIdParam(params);
    if (!CHAT_ACTIONS.has(stringParam(params, 'action') ?? '')) throw badRequest('wrong parameter action in request');
    return true;
  },
  setMessageReaction: ({ params }) => {
    chatIdParam(params);
    if (params.message_id === undefined) throw badRequest('message_id is empty');
    return true;
  },
  answerCallbackQuery: ({ bot, params }) => {
    const id = stringParam(params, 'callback_query_id') ?? '';
    if (!bot.openCallbackQueries.delete(id)) {
      throw badRequest('query is too old and response timeout expired or query ID is invalid');
    }
    return true;
  },
  getFile,
};

/** Method names are case-insensitive on Telegram (`sendmessage` works). */
const BY_LOWER_NAME = new Map(Object.keys(METHODS).map((name) => [name.toLowerCase(), name]));

export function canonicalMethod(name: string): string | undefined {
  return BY_LOWER_NAME.get(name.toLowerCase());
}

function setWebhook({ bot, params }: MethodContext): true {
  const url = stringParam(params, 'url') ?? '';
  if (url !== '' && !url.startsWith('https://'))
    throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
  if (url !== '') bot.updates.failParked(conflict('terminated by setWebhook request'));
  bot.webhookUrl = url;
  if (boolParam(params, 'drop_pending_updates')) bot.updates.dropAll();
  bot.updates.setAllowed(params.allowed_updates);
  return true;
}

function commandsKey(params: Record<string, unknown>): string {
  const scope = (params.scope as { type?: string } | undefined) ?? { type: 'default' };
  return `${JSON.stringify(scope)}|${stringParam(params, 'language_code') ?? ''}`;
}

function setMyCommands({ bot, params }: MethodContext): true {
  const commands = params.commands;
  if (!Array.isArray(commands) || commands.length > 100) throw badRequest("can't parse commands JSON object");
  for (const entry of commands as Array<Partial<BotCommand>>) {
    if (!/^[a-z0-9_]{1,32}$/.test(entry.command ?? '')) throw badRequest('BOT_COMMAND_INVALID');
    const length = entry.description?.length ?? 0;
    if (length < 1 || length > 256) throw badRequest('BOT_COMMAND_DESCRIPTION_INVALID');
  }
  bot.commands.set(commandsKey(params), commands as BotCommand[]);
  return true;
}

function getFile({ files, params }: MethodContext): File {
  const file = files.byId(stringParam(params, 'file_id') ?? '');
  if (file === undefined) throw badRequest('invalid file_id');
  return {
    file_id: file.fileId,
    file_unique_id: file.fileUniqueId,
    file_size: file.data.length,
    file_path: file.filePath,
  };
}
