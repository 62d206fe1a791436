import { Bot, GrammyError, InputFile } from 'grammy';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_TEST_TOKEN, type FakeTelegramApi, startFakeTelegramApi } from './telegram-bot-api.js';

const token = DEFAULT_TEST_TOKEN;
let api: FakeTelegramApi;
let bot: Bot;

beforeEach(async () => {
  api = await startFakeTelegramApi();
  bot = new Bot(token, { client: { apiRoot: api.apiRoot } });
});

afterEach(async () => {
  if (bot.isRunning()) await bot.stop();
  await api.close();
});

async function failure(promise: Promise<unknown>): Promise<GrammyError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(GrammyError);
  return error as GrammyError;
}

describe('fake Telegram Bot API', () => {
  it('answers getMe for a configured token', async () => {
    const me = await bot.api.getMe();
    expect(me).toMatchObject({ id: 123, is_bot: true, username: 'moltbot_test_bot', first_name: 'Molt' });
  });

  it('answers 401 Unauthorized for an unknown or revoked token', async () => {
    const stranger = new Bot('999:nope', { client: { apiRoot: api.apiRoot } });
    const error = await failure(stranger.api.getMe());
    expect(error.error_code).toBe(401);
    expect(error.description).toBe('Unauthorized');

    api.setMode(token, 'unauthorized');
    expect((await failure(bot.api.sendMessage(1, 'hi'))).error_code).toBe(401);
  });

  it('records sendMessage and numbers messages per chat', async () => {
    const first = await bot.api.sendMessage(42, 'hello', {
      reply_markup: { inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] },
    });
    const second = await bot.api.sendMessage(42, 'again');
    expect(second.message_id).toBe(first.message_id + 1);
    expect(first.chat).toMatchObject({ id: 42, type: 'private' });
    const call = await api.waitFor('sendMessage');
    expect(call).toMatchObject({ token, ok: true, params: { chat_id: 42, text: 'hello' } });
    expect(call.params.reply_markup).toEqual({ inline_keyboard: [[{ text: 'Go', callback_data: 'go' }]] });
    expect(api.sent(token).map((sent) => sent.params.text)).toEqual(['hello', 'again']);
  });

  it('delivers an injected update to a long-polling bot and confirms its offset on stop', async () => {
    bot.on('message:text', (ctx) => ctx.reply(`got ${ctx.message.text}`));
    const started = new Promise<void>((resolve) => {
      void bot.start({ onStart: () => resolve() });
    });
    await started;
    const update = api.injectText(token, { chatId: 7, fromId: 7, text: 'hi', username: 'alice' });
    const reply = await api.waitFor((call) => call.method === 'sendMessage' && call.ok);
    expect(reply.params).toMatchObject({ chat_id: 7, text: 'got hi' });
    await bot.stop();
    expect(api.confirmedOffset(token)).toBe(update.update_id + 1);
    expect(api.pendingUpdates(token)).toBe(0);
  });

  it('keeps updates until an offset confirms them', async () => {
    const update = api.injectText(token, { chatId: -1001234567890, fromId: 5, text: '/start@moltbot_test_bot' });
    expect(update.message?.chat.type).toBe('supergroup');
    expect(update.message?.entities?.[0]).toMatchObject({ type: 'bot_command', offset: 0 });
    expect(await bot.api.getUpdates({ timeout: 0 })).toHaveLength(1);
    expect(await bot.api.getUpdates({ timeout: 0 })).toHaveLength(1);
    expect(api.confirmedOffset(token)).toBe(0);
    expect(await bot.api.getUpdates({ offset: update.update_id + 1, timeout: 0 })).toHaveLength(0);
    expect(api.confirmedOffset(token)).toBe(update.update_id + 1);
  });

  it('terminates a waiting long poll with 409 when another getUpdates arrives', async () => {
    const other = new Bot(token, { client: { apiRoot: api.apiRoot } });
    const first = failure(bot.api.getUpdates({ timeout: 5 }));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const second = other.api.getUpdates({ timeout: 5 });
    const conflict = await first;
    expect(conflict.error_code).toBe(409);
    expect(conflict.description).toMatch(/^Conflict: terminated by other getUpdates request/);
    api.injectText(token, { chatId: 1, fromId: 1, text: 'wake' });
    expect(await second).toHaveLength(1);
  });

  it('applies parse_mode and refuses bad markup like Telegram', async () => {
    const html = await bot.api.sendMessage(1, '<b>bold</b> &amp; plain', { parse_mode: 'HTML' });
    expect(html.text).toBe('bold & plain');
    expect(html.entities).toEqual([{ type: 'bold', offset: 0, length: 4 }]);

    const unescaped = await failure(bot.api.sendMessage(1, 'Done.', { parse_mode: 'MarkdownV2' }));
    expect(unescaped.error_code).toBe(400);
    expect(unescaped.description).toMatch(/^Bad Request: can't parse entities: Character '\.' is reserved/);
    expect((await bot.api.sendMessage(1, '*Done*\\.', { parse_mode: 'MarkdownV2' })).text).toBe('Done.');

    api.setRejectParseMode(true);
    const refused = await failure(bot.api.sendMessage(1, 'fine', { parse_mode: 'HTML' }));
    expect(refused.description).toMatch(/^Bad Request: can't parse entities/);
    expect((await bot.api.sendMessage(1, 'fine')).text).toBe('fine');
  });

  it('fails the next calls of a method on request, with retry_after', async () => {
    api.failNext('sendMessage', 1, { status: 429, retryAfter: 3 });
    const limited = await failure(bot.api.sendMessage(1, 'x'));
    expect(limited.error_code).toBe(429);
    expect(limited.description).toBe('Too Many Requests: retry after 3');
    expect(limited.parameters.retry_after).toBe(3);
    await bot.api.sendMessage(1, 'y');
    expect(api.sent().map((call) => call.ok)).toEqual([false, true]);
  });

  it('accepts multipart uploads and serves files through getFile and the download route', async () => {
    const bytes = Buffer.from('fake-jpeg-bytes');
    const sent = await bot.api.sendPhoto(9, new InputFile(bytes, 'cat.jpg'), { caption: 'a cat' });
    const call = await api.waitFor('sendPhoto');
    expect(call.files.photo?.data.equals(bytes)).toBe(true);
    expect(call.files.photo?.filename).toBe('cat.jpg');
    expect(sent.caption).toBe('a cat');

    const photoId = sent.photo?.[0]?.file_id ?? '';
    const file = await bot.api.getFile(photoId);
    const download = await fetch(`${api.apiRoot}/file/bot${token}/${file.file_path}`);
    expect(Buffer.from(await download.arrayBuffer()).equals(bytes)).toBe(true);

    api.addFile('voice-1', 'ogg-bytes', 'voice/file_1.oga');
    expect((await bot.api.getFile('voice-1')).file_path).toBe('voice/file_1.oga');
    const byId = await bot.api.sendDocument(9, 'voice-1');
    expect(byId.document?.file_id).toBe('voice-1');
    expect((await failure(bot.api.sendDocument(9, 'no-such-file'))).description).toBe(
      'Bad Request: wrong file identifier/HTTP URL specified',
    );
  });

  it('answers callback queries once and builds replies to bot messages', async () => {
    const sent = await bot.api.sendMessage(5, 'pick one');
    const press = api.injectCallbackQuery(token, { chatId: 5, fromId: 5, data: 'yes' });
    expect(press.callback_query?.message?.message_id).toBe(sent.message_id);
    const queryId = press.callback_query?.id ?? '';
    expect(await bot.api.answerCallbackQuery(queryId)).toBe(true);
    expect((await failure(bot.api.answerCallbackQuery(queryId))).error_code).toBe(400);

    const reply = api.injectText(token, { chatId: 5, fromId: 5, text: 'about that', replyToBotMessage: true });
    expect(reply.message?.reply_to_message?.message_id).toBe(sent.message_id);
    expect(reply.message?.message_id).toBeGreaterThan(sent.message_id);
  });

  it('stores commands, edits messages and refuses polling while a webhook is set', async () => {
    await bot.api.setMyCommands([{ command: 'help', description: 'Show help' }]);
    expect(await bot.api.getMyCommands()).toEqual([{ command: 'help', description: 'Show help' }]);
    expect((await failure(bot.api.setMyCommands([{ command: 'Bad-Name', description: 'x' }]))).error_code).toBe(400);

    const message = await bot.api.sendMessage(3, 'draft');
    expect((await bot.api.editMessageText(3, message.message_id, 'final')) as { text?: string }).toMatchObject({
      text: 'final',
    });
    const unchanged = await failure(bot.api.editMessageText(3, message.message_id, 'final'));
    expect(unchanged.description).toMatch(/^Bad Request: message is not modified/);
    expect(await bot.api.sendChatAction(3, 'typing')).toBe(true);
    expect(await bot.api.setMessageReaction(3, message.message_id, [{ type: 'emoji', emoji: '👍' }])).toBe(true);

    await bot.api.setWebhook('https://example.test/hook');
    expect((await bot.api.getWebhookInfo()).url).toBe('https://example.test/hook');
    expect((await failure(bot.api.getUpdates())).error_code).toBe(409);
    await bot.api.deleteWebhook();
    expect(await bot.api.getUpdates()).toEqual([]);
  });
});
