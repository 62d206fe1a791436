import fs from 'node:fs';
import path from 'node:path';
import { type Api, GrammyError, HttpError, InputFile } from 'grammy';
import { ChannelSendError, type OutboundMessage, type SendResult } from '../../sdk/index.js';
import { grammySignal } from './grammy-signal.js';
import { markdownToPlain, markdownToTelegramHtml } from './markdown-to-html.js';
import { redactToken } from './redact-token.js';

const IMAGE_EXT = new Set(['.jpg', '.jpeg', '.png', '.gif', '.webp']);

/**
 * Deliver one outbound part: text as HTML rendered from Markdown (plain text when Telegram
 * rejects the entities), media as photo/document with the text as caption, threaded to
 * `replyTo` / `threadId`. Errors say whether a retry can help.
 */
export async function sendTelegramMessage(
  api: Api,
  message: OutboundMessage,
  signal: AbortSignal,
): Promise<SendResult> {
  const chatId = message.to;
  const threading = {
    ...(message.replyTo
      ? { reply_parameters: { message_id: Number(message.replyTo), allow_sending_without_reply: true } }
      : {}),
    ...(message.threadId ? { message_thread_id: Number(message.threadId) } : {}),
  };
  try {
    let lastId: number | undefined;
    const media = message.mediaUrls ?? [];
    for (const [index, url] of media.entries()) {
      const caption = index === 0 ? message.text : undefined;
      const input = mediaInput(url);
      const isImage = IMAGE_EXT.has(path.extname(new URL(url, 'file:///').pathname).toLowerCase());
      const send = (formatted: boolean) => {
        const other = {
          ...threading,
          ...(caption
            ? formatted
              ? { caption: markdownToTelegramHtml(caption), parse_mode: 'HTML' as const }
              : { caption: markdownToPlain(caption) }
            : {}),
        };
        return isImage
          ? api.sendPhoto(chatId, input(), other, grammySignal(signal)).then((m) => m.message_id)
          : api.sendDocument(chatId, input(), other, grammySignal(signal)).then((m) => m.message_id);
      };
      lastId = await withPlainFallback(send);
    }
    if (media.length === 0 && message.text) {
      const text = message.text;
      const sent = await withPlainFallback((formatted) =>
        formatted
          ? api.sendMessage(
              chatId,
              markdownToTelegramHtml(text),
              { ...threading, parse_mode: 'HTML' },
              grammySignal(signal),
            )
          : api.sendMessage(chatId, markdownToPlain(text), threading, grammySignal(signal)),
      );
      lastId = sent.message_id;
    }
    return lastId === undefined ? {} : { platformMessageId: String(lastId) };
  } catch (err) {
    throw toSendError(err);
  }
}

async function withPlainFallback<T>(send: (formatted: boolean) => Promise<T>): Promise<T> {
  try {
    return await send(true);
  } catch (err) {
    if (
      err instanceof GrammyError &&
      err.error_code === 400 &&
      /parse entities|can't parse|unsupported start tag|entity/i.test(err.description)
    )
      return send(false);
    throw err;
  }
}

/** A URL Telegram fetches itself, or a local file we upload (fresh stream per attempt). */
function mediaInput(url: string): () => InputFile | string {
  if (/^https?:\/\//i.test(url)) return () => url;
  const file = url.startsWith('file://') ? new URL(url).pathname : url;
  if (!fs.existsSync(file)) throw new ChannelSendError(`media file ${file} does not exist`, { permanent: true });
  return () => new InputFile(fs.createReadStream(file), path.basename(file));
}

export function toSendError(err: unknown): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  if (err instanceof GrammyError) {
    const retryAfter = err.parameters?.retry_after;
    if (err.error_code === 429)
      return new ChannelSendError(`Telegram rate limit: ${err.description}`, {
        permanent: false,
        retryAfterMs: (retryAfter ?? 1) * 1000,
        cause: err,
      });
    if (err.error_code >= 500)
      return new ChannelSendError(`Telegram server error ${err.error_code}: ${err.description}`, {
        permanent: false,
        cause: err,
      });
    // 401: the token may be fixed by the operator; keep retrying with backoff instead of dropping.
    if (err.error_code === 401)
      return new ChannelSendError(`Telegram rejected the bot token (401): ${err.description}`, {
        permanent: false,
        cause: err,
      });
    return new ChannelSendError(`Telegram refused the message (${err.error_code}): ${err.description}`, {
      permanent: true,
      cause: err,
    });
  }
  // No `cause` here: the underlying fetch error quotes the URL, which carries the token.
  if (err instanceof HttpError)
    return new ChannelSendError(
      `network error talking to Telegram: ${redactToken((err.error as Error)?.message ?? err.message)}`,
      { permanent: false },
    );
  return new ChannelSendError(redactToken((err as Error)?.message ?? String(err)), { permanent: false });
}
