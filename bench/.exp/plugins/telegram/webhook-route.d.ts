import type { PluginApp } from '../../sdk/index.js';
import type { TelegramAccount } from './telegram-account.js';
/**
 * POST route Telegram calls in webhook mode. It skips the gateway's bearer auth and checks
 * Telegram's own `X-Telegram-Bot-Api-Secret-Token` instead; it answers 200 only after the
 * router stored the update (a 500 makes Telegram redeliver it).
 */
export declare function registerWebhookRoute(app: PluginApp, account: TelegramAccount): void;
