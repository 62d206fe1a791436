import { type ChannelAdapter } from '../../sdk/index.js';
import type { TelegramAccount } from './telegram-account.js';
/** The channel adapter the router and health see: one entry per bot account. */
export declare function telegramAdapter(accounts: ReadonlyMap<string, TelegramAccount>): ChannelAdapter;
