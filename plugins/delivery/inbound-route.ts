import type { AgentAttachment } from '../../sdk/index.js';

/**
 * What the router decided about a message beyond its disposition, stored with it (column
 * `route`) so the dispatcher acts on the decision made when the message arrived — a config
 * edit between the two does not change who counted as an owner.
 */
export interface InboundRoute {
  /** The sender is an owner of the channel account (owner-only commands). */
  isOwner: boolean;
  /** Set when the message is a chat command the gateway answers (disposition `command`). */
  command?: { name: string; args: string };
  /** Group replies: quote the trigger on the first part, every part, or not at all. */
  replyToMode: 'first' | 'all' | 'off';
  /** Group turns: earlier group messages to show the model (0: none). */
  historyLimit: number;
  /** Group turns: how the bot is activated in this group. */
  activation?: 'mention' | 'always';
  /** The message's saved attachments with their sniffed types (allowed messages only). */
  attachments?: AgentAttachment[];
}

export function parseRoute(raw: string | null): InboundRoute {
  if (!raw) return { isOwner: false, replyToMode: 'first', historyLimit: 0 };
  return JSON.parse(raw) as InboundRoute;
}
