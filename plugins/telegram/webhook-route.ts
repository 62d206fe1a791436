import { timingSafeEqual } from 'node:crypto';
import type { Update } from 'grammy/types';
import type { PluginApp } from '../../sdk/index.js';
import { telegramError, webhookErrorBody } from './errors.js';
import type { TelegramAccount } from './telegram-account.js';

/**
 * POST route Telegram calls in webhook mode. It skips the gateway's bearer auth and checks
 * Telegram's own `X-Telegram-Bot-Api-Secret-Token` instead; it answers 200 only after the
 * router stored the update (a 500 makes Telegram redeliver it).
 */
export function registerWebhookRoute(app: PluginApp, account: TelegramAccount): void {
  const { path, secret } = account.settings.webhook!;
  const expected = Buffer.from(secret);
  const config = { auth: false, errorBody: webhookErrorBody };
  app.post(path, { config, bodyLimit: 1024 * 1024 }, async (req, reply) => {
    const presented = Buffer.from(String(req.headers['x-telegram-bot-api-secret-token'] ?? ''));
    if (presented.length !== expected.length || !timingSafeEqual(presented, expected)) {
      throw telegramError(
        'GW_ERR_TELEGRAM_WEBHOOK_SECRET',
        'X-Telegram-Bot-Api-Secret-Token does not match channels.telegram.webhookSecret',
      );
    }
    // Telegram pushes as soon as the route answers; until getMe has told us who we are, ask it
    // to come back (it retries) rather than misreading mentions.
    if (!account.identityKnown)
      throw telegramError('GW_ERR_TELEGRAM_WEBHOOK_NOT_READY', 'the bot is still connecting; retry shortly', {
        retryAfterMs: 5000,
      });
    const update = req.body as Update | undefined;
    if (!update || typeof update !== 'object' || typeof update.update_id !== 'number')
      throw telegramError('GW_ERR_TELEGRAM_WEBHOOK_UPDATE', 'the body is not a Telegram Update');
    await account.acceptWebhookUpdate(update);
    return reply.code(200).send({ ok: true });
  });
}
