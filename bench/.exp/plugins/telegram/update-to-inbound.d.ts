import type { Message, Update, UserFromGetMe } from 'grammy/types';
import type { InboundMessage } from '../../sdk/index.js';
/** A file attached to a message that the account may download. */
export interface PendingMedia {
    fileId: string;
    kind: 'photo' | 'document' | 'voice' | 'audio' | 'video';
    name: string;
}
/**
 * The router's view of a Telegram update (private and group messages; other updates are
 * skipped). Attachments are returned separately: the account downloads them.
 */
export declare function updateToInbound(update: Update, accountId: string, me: UserFromGetMe): {
    message: InboundMessage;
    media: PendingMedia[];
} | undefined;
/** @mention of the bot, a /command@bot, a text mention, or a reply to one of its messages. */
export declare function mentionsBot(msg: Message, me: UserFromGetMe): boolean;
