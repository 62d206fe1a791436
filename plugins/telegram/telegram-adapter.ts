import {
  type ChannelAdapter,
  ChannelSendError,
  type ChannelStatus,
  type OutboundMessage,
  type SendResult,
} from '../../sdk/index.js';
import { DEFAULT_TEXT_LIMIT } from './account-settings.js';
import type { TelegramAccount } from './telegram-account.js';

/** The channel adapter the router and health see: one entry per bot account. */
export function telegramAdapter(accounts: ReadonlyMap<string, TelegramAccount>): ChannelAdapter {
  const first = accounts.values().next().value as TelegramAccount | undefined;
  return {
    id: 'telegram',
    label: 'Telegram',
    capabilities: {
      textLimit: first?.settings.textChunkLimit ?? DEFAULT_TEXT_LIMIT,
      media: true,
      groups: true,
      typing: true,
      reactions: false,
    },
    status(): ChannelStatus {
      const list = [...accounts.values()].map((a) => a.status());
      return { linked: list.some((a) => a.linked), accounts: list };
    },
    async send(message: OutboundMessage, signal: AbortSignal): Promise<SendResult> {
      const account = accounts.get(message.accountId);
      if (!account)
        throw new ChannelSendError(
          `telegram has no account "${message.accountId}" (configured: ${[...accounts.keys()].join(', ')})`,
          { permanent: true },
        );
      return account.send(message, signal);
    },
    async typing(accountId: string, chatId: string): Promise<void> {
      await accounts.get(accountId)?.typing(chatId);
    },
  };
}
