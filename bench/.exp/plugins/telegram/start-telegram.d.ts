import type { PluginApp, PluginContext } from '../../sdk/index.js';
import type { TelegramConfig } from './config-schema.js';
/** One generation of the telegram plugin: an account supervisor per bot, one adapter for all. */
export declare function startTelegram(app: PluginApp, ctx: PluginContext<TelegramConfig>): void;
