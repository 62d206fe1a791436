import { type ChannelAdapter, ChannelSendError, type ChannelStatus } from '../../sdk/index.js';
import { DEFAULT_TEXT_LIMIT } from './account-settings.js';
import { whatsappError } from './errors.js';
import type { WhatsAppAccount } from './whatsapp-account.js';

/** The channel adapter: one status entry per account; login/logout per account. */
export function whatsappAdapter(accounts: ReadonlyMap<string, WhatsAppAccount>): ChannelAdapter {
  const first = accounts.values().next().value as WhatsAppAccount | undefined;
  const account = (id: string) => {
    const a = accounts.get(id);
    if (!a)
      throw whatsappError(
        'GW_ERR_WHATSAPP_ACCOUNT_UNKNOWN',
        `whatsapp has no account "${id}" (configured: ${[...accounts.keys()].join(', ')}); add ` +
          `channels.whatsapp.accounts.${id}`,
      );
    return a;
  };
  return {
    id: 'whatsapp',
    label: 'WhatsApp',
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
    async send(message) {
      const a = accounts.get(message.accountId);
      if (!a) throw new ChannelSendError(`whatsapp has no account "${message.accountId}"`, { permanent: true });
      return a.send(message);
    },
    async typing(accountId, chatId) {
      await accounts.get(accountId)?.typing(chatId);
    },
    login: (accountId, onQr, signal) => account(accountId).login(onQr, signal),
    logout: (accountId) => account(accountId).logout(),
  };
}
