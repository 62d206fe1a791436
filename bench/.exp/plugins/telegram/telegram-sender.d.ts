import { type Api } from 'grammy';
import { ChannelSendError, type OutboundMessage, type SendResult } from '../../sdk/index.js';
/**
 * Deliver one outbound part: text as HTML rendered from Markdown (plain text when Telegram
 * rejects the entities), media as photo/document with the text as caption, threaded to
 * `replyTo` / `threadId`. Errors say whether a retry can help.
 */
export declare function sendTelegramMessage(api: Api, message: OutboundMessage, signal: AbortSignal): Promise<SendResult>;
export declare function toSendError(err: unknown): ChannelSendError;
