import type { ChatCommand } from '../../../sdk/index.js';

/** `/whoami`: the sender's id as this channel sees it (what to put in `allowFrom` / `owners`). */
export function whoamiCommand(): ChatCommand {
  return {
    name: 'whoami',
    description: 'Show your sender id and this chat',
    handler(inv) {
      return [
        `You: ${inv.senderName ? `${inv.senderName} — ` : ''}id ${inv.senderId}`,
        `Chat: ${inv.chatId} (${inv.chatType}) on ${inv.channel}, account ${inv.accountId}`,
        `Owner: ${inv.isOwner ? 'yes' : `no (add ${inv.senderId} to channels.${inv.channel}.owners to make it so)`}`,
        ...(inv.sessionKey ? [`Session: ${inv.sessionKey}`] : []),
      ].join('\n');
    },
  };
}
