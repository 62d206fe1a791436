import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Message, MessageEntity, Update } from 'grammy/types';
import { disconnectSignal, type LoopbackServer, listenOnLoopback, sendJson } from './http-server.js';
import { RecordLog } from './record-log.js';
import { BotState, type TokenMode } from './telegram-bot-state.js';
import { defaultDescription, notFound, TelegramError, unauthorized } from './telegram-error.js';
import { FileStore } from './telegram-file-store.js';
import { canonicalMethod, METHODS } from './telegram-methods.js';
import {
  type BotIdentity,
  buildChat,
  type ChatType,
  chatTypeOf,
  detectEntities,
  humanUser,
  nowSeconds,
} from './telegram-objects.js';
import { type MethodInput, readMethodInput, type UploadedFile, uploadsByParam } from './telegram-params.js';

export type { TokenMode } from './telegram-bot-state.js';
export type { BotIdentity, ChatType } from './telegram-objects.js';
export type { UploadedFile } from './telegram-params.js';

export const DEFAULT_TEST_TOKEN = '123:abc';

export interface FakeTelegramApiOptions {
  /** Valid tokens and the bot each belongs to; any other token gets 401. */
  tokens?: Record<string, BotIdentity>;
  /** Refuse every `parse_mode` with 400 "can't parse entities" (toggle later with `setRejectParseMode`). */
  rejectParseMode?: boolean;
}

/** One Bot API call as the fake received and answered it (getUpdates is not recorded). */
export interface RecordedCall {
  token: string;
  method: string;
  params: Record<string, unknown>;
  /** Uploaded files keyed by the parameter that refers to them (`photo`, `document`, …). */
  files: Record<string, UploadedFile>;
  ok: boolean;
  result?: unknown;
  error?: { error_code: number; description: string };
}

export interface FailureSpec {
  status: number;
  /** Defaults to Telegram's wording for the status, e.g. "Too Many Requests: retry after 3". */
  description?: string;
  /** Sent as `parameters.retry_after`. */
  retryAfter?: number;
}

export interface InjectTextOptions {
  chatId: number;
  fromId: number;
  text: string;
  username?: string;
  /** Defaults from the id: positive → private, below -10^12 → supergroup, else group. */
  chatType?: ChatType;
  /** `true` replies to the bot's last message in the chat; a number replies to that message id. */
  replyToBotMessage?: boolean | number;
  /** Defaults to what Telegram clients attach: a leading /command and @mentions. */
  entities?: MessageEntity[];
}

export interface InjectCallbackQueryOptions {
  chatId: number;
  fromId: number;
  data: string;
  username?: string;
  /** The bot message the button belongs to; defaults to the bot's last message in the chat. */
  messageId?: number;
}

type UpdateInput = Omit<Update, 'update_id'> & { update_id?: number };

/** A fake Telegram Bot API server for grammY: `new Bot(token, { client: { apiRoot } })`. */
export class FakeTelegramApi {
  readonly #bots = new Map<string, BotState>();
  readonly #files = new FileStore();
  readonly #log = new RecordLog<RecordedCall>();
  readonly #failures = new Map<string, FailureSpec[]>();
  #rejectParseMode: boolean;
  #server: LoopbackServer | undefined;
  #callbackSerial = 0;

  private constructor(options: FakeTelegramApiOptions) {
    const tokens = options.tokens ?? {
      [DEFAULT_TEST_TOKEN]: { id: 123, username: 'moltbot_test_bot', first_name: 'Molt' },
    };
    for (const [token, identity] of Object.entries(tokens)) this.addToken(token, identity);
    this.#rejectParseMode = options.rejectParseMode ?? false;
  }

  static async start(options: FakeTelegramApiOptions = {}): Promise<FakeTelegramApi> {
    const api = new FakeTelegramApi(options);
    api.#server = await listenOnLoopback((req, res) => api.#handle(req, res));
    return api;
  }

  /** Pass as grammY's `client.apiRoot` (no trailing slash). */
  get apiRoot(): string {
    return `http://127.0.0.1:${this.#server?.port ?? 0}`;
  }

  addToken(token: string, identity: BotIdentity): void {
    this.#bots.set(token, new BotState(identity));
  }

  /** Queues an update for getUpdates (numbering it when `update_id` is missing) and wakes a long poll. */
  injectUpdate(token: string, update: UpdateInput): Update {
    const bot = this.#bot(token);
    const message = update.message;
    if (message !== undefined) {
      bot.rememberChat(message.chat);
      bot.remember(message);
    }
    if (update.callback_query !== undefined) bot.openCallbackQueries.add(update.callback_query.id);
    return bot.updates.push(update);
  }

  /** Injects a realistic text message update, as a user typing in a chat would produce. */
  injectText(token: string, options: InjectTextOptions): Update {
    const bot = this.#bot(token);
    const from = humanUser(options.fromId, options.username);
    const chat = buildChat(options.chatId, options.chatType ?? chatTypeOf(options.chatId), from);
    bot.rememberChat(chat);
    const replyTo = this.#replyTarget(token, options.chatId, options.replyToBotMessage);
    const entities = options.entities ?? detectEntities(options.text);
    const message = {
      message_id: bot.nextMessageId(options.chatId),
      from,
      chat,
      date: nowSeconds(),
      text: options.text,
      ...(entities.length > 0 ? { entities } : {}),
      ...(replyTo === undefined ? {} : { reply_to_message: replyTo }),
    } as Message;
    return this.injectUpdate(token, { message } as UpdateInput);
  }

  /** Injects a button press on one of the bot's messages; answerCallbackQuery accepts its id once. */
  injectCallbackQuery(token: string, options: InjectCallbackQueryOptions): Update {
    const bot = this.#bot(token);
    const message = this.#replyTarget(token, options.chatId, options.messageId ?? true);
    const callback_query = {
      id: `cbq-${++this.#callbackSerial}`,
      from: humanUser(options.fromId, options.username),
      chat_instance: `instance-${options.chatId}`,
      data: options.data,
      ...(message === undefined ? {} : { message }),
    };
    bot.rememberChat(bot.chat(options.chatId));
    return this.injectUpdate(token, { callback_query } as UpdateInput);
  }

  /** Recorded calls (all methods but getUpdates, failed ones included), optionally for one token. */
  sent(token?: string): RecordedCall[] {
    return this.#log.items.filter((call) => token === undefined || call.token === token);
  }

  /** Resolves with the first recorded call (past or future) matching a predicate or a method name. */
  waitFor(match: string | ((call: RecordedCall) => boolean), timeoutMs = 2_000): Promise<RecordedCall> {
    const predicate = typeof match === 'string' ? (call: RecordedCall) => call.method === match : match;
    return this.#log.waitFor(
      predicate,
      timeoutMs,
      () => this.#log.items.map((call) => `${call.method}${call.ok ? '' : '(failed)'}`).join(', ') || 'nothing',
    );
  }

  /** Makes the next `count` calls of `method` (any token) fail with the given status. */
  failNext(method: string, count: number, failure: FailureSpec): void {
    const key = canonicalMethod(method) ?? method;
    const queue = this.#failures.get(key) ?? [];
    for (let index = 0; index < count; index++) queue.push(failure);
    this.#failures.set(key, queue);
  }

  /** Highest offset getUpdates confirmed for this token (0 if none): updates below it are gone. */
  confirmedOffset(token: string): number {
    return this.#bot(token).updates.confirmedOffset;
  }

  /** Updates injected but not yet confirmed by an offset. */
  pendingUpdates(token: string): number {
    return this.#bot(token).updates.pendingCount;
  }

  /** `'unauthorized'` makes the token answer 401 (like a revoked token), ending a waiting long poll too. */
  setMode(token: string, mode: TokenMode): void {
    const bot = this.#bot(token);
    bot.mode = mode;
    if (mode === 'unauthorized') bot.updates.failParked(unauthorized());
  }

  setRejectParseMode(reject: boolean): void {
    this.#rejectParseMode = reject;
  }

  /** Registers a file for getFile and `${apiRoot}/file/bot<token>/<file_path>`. */
  addFile(fileId: string, data: Buffer | string, filePath?: string): void {
    this.#files.add(fileId, Buffer.from(data), filePath);
  }

  async close(): Promise<void> {
    await this.#server?.close();
  }

  #bot(token: string): BotState {
    const bot = this.#bots.get(token);
    if (bot === undefined) throw new Error(`FakeTelegramApi: unknown token ${token}; configure it in options.tokens`);
    return bot;
  }

  /** The message a reply or button refers to; invents an earlier bot message when there is none. */
  #replyTarget(token: string, chatId: number, target: boolean | number | undefined): Message | undefined {
    if (target === undefined || target === false) return undefined;
    const bot = this.#bot(token);
    const existing = target === true ? bot.lastBotMessage(chatId) : bot.message(chatId, target);
    if (existing !== undefined) return existing;
    const invented = {
      message_id: typeof target === 'number' ? target : bot.nextMessageId(chatId),
      from: bot.user,
      chat: bot.chat(chatId),
      date: nowSeconds() - 60,
      text: 'earlier message from the bot',
    } as Message;
    bot.remember(invented);
    return invented;
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const signal = disconnectSignal(res);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(path);
    if (download)
      return this.#download(res, decodeURIComponent(download[1] ?? ''), decodeURIComponent(download[2] ?? ''));
    const call = /^\/bot([^/]+)\/([A-Za-z_]+)$/.exec(path);
    if (call === null) return sendError(res, notFound());
    const token = decodeURIComponent(call[1] ?? '');
    const method = canonicalMethod(call[2] ?? '') ?? call[2] ?? '';

    let input: MethodInput = { params: {}, uploads: {} };
    try {
      input = await readMethodInput(req);
      const bot = this.#bots.get(token);
      if (bot === undefined || bot.mode === 'unauthorized') throw unauthorized();
      const handler = METHODS[method];
      if (handler === undefined) throw notFound();
      this.#takeFailure(method);
      const result: unknown = await handler({
        token,
        bot,
        params: input.params,
        uploads: input.uploads,
        files: this.#files,
        signal,
        rejectParseMode: this.#rejectParseMode,
      });
      this.#record(token, method, input, { ok: true, result });
      sendJson(res, 200, { ok: true, result });
    } catch (error) {
      if (!(error instanceof TelegramError)) throw error;
      this.#record(token, method, input, {
        ok: false,
        error: { error_code: error.errorCode, description: error.description },
      });
      sendError(res, error);
    }
  }

  #takeFailure(method: string): void {
    const failure = this.#failures.get(method)?.shift();
    if (failure === undefined) return;
    const description = failure.description ?? defaultDescription(failure.status, failure.retryAfter);
    throw new TelegramError(failure.status, description, failure.retryAfter);
  }

  #record(
    token: string,
    method: string,
    input: MethodInput,
    outcome: Pick<RecordedCall, 'ok' | 'result' | 'error'>,
  ): void {
    if (method === 'getUpdates') return;
    this.#log.add({ token, method, params: input.params, files: uploadsByParam(input), ...outcome });
  }

  #download(res: ServerResponse, token: string, filePath: string): void {
    const bot = this.#bots.get(token);
    if (bot === undefined || bot.mode === 'unauthorized') return sendError(res, unauthorized());
    const file = this.#files.byPath(filePath);
    if (file === undefined) return sendError(res, notFound());
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': file.data.length });
    res.end(file.data);
  }
}

export function startFakeTelegramApi(options?: FakeTelegramApiOptions): Promise<FakeTelegramApi> {
  return FakeTelegramApi.start(options);
}

function sendError(res: ServerResponse, error: TelegramError): void {
  sendJson(res, error.errorCode, error.toJSON());
}
