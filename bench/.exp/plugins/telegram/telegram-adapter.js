import { ChannelSendError } from '../../sdk/index.js';
import { DEFAULT_TEXT_LIMIT } from './account-settings.js';
/** The channel adapter the router and health see: one entry per bot account. */
export function telegramAdapter(accounts) {
    const first = accounts.values().next().value;
    return {
        id: 'telegram',
        label: 'Telegram',
        capabilities: { textLimit: first?.settings.textChunkLimit ?? DEFAULT_TEXT_LIMIT, media: true, groups: true, typing: true, reactions: false },
        status() {
            const list = [...accounts.values()].map((a) => a.status());
            return { linked: list.some((a) => a.linked), accounts: list };
        },
        async send(message, signal) {
            const account = accounts.get(message.accountId);
            if (!account)
                throw new ChannelSendError(`telegram has no account "${message.accountId}" (configured: ${[...accounts.keys()].join(', ')})`, { permanent: true });
            return account.send(message, signal);
        },
        async typing(accountId, chatId) {
            await accounts.get(accountId)?.typing(chatId);
        },
    };
}
//# sourceMappingURL=telegram-adapter.js.map