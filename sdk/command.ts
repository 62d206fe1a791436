/**
 * Chat commands (`/status`, `/new`, …) a plugin offers to people writing in a chat channel.
 * `ctx.commands.register(...)` records one. The channel router (plugin `delivery`) answers a
 * message that is `/name [args]` for a registered name itself, before any model turn, and only
 * when the sender passed the channel's access policy (docs/channels/commands.md).
 */

/** Where a command was typed and by whom. */
export interface ChatCommandInvocation {
  /** The command's name as registered (lowercase, no slash). */
  name: string;
  /** The text after the command name, trimmed ('' when none). */
  args: string;
  channel: string;
  accountId: string;
  chatId: string;
  chatType: 'direct' | 'group';
  senderId: string;
  senderName?: string;
  /**
   * The sender is an owner of this channel account (listed in its `owners`, or in `allowFrom`
   * when `owners` is not set; `"*"` makes nobody an owner). `ownerOnly` commands run only then.
   */
  isOwner: boolean;
  /** The platform id of the message that carried the command. */
  messageId: string;
  /** Forum topic / thread the command was typed in, when the platform has them. */
  threadId?: string;
  /** The session the chat maps to, when the channel knows it. */
  sessionKey?: string;
  /** Aborted when the command's generation retires or the channel gives up. */
  signal: AbortSignal;
}

/** A reply the channel sends back into the chat; a string is the same as `{ text }`. */
export type ChatCommandReply = string | { text: string } | undefined;

export interface ChatCommand {
  /** 1-32 lowercase letters, digits or `_`, starting with a letter (Telegram's rule, the strictest). */
  name: string;
  /** One line shown in command menus and `/help` (at most 256 characters). */
  description: string;
  /**
   * Only an owner of the channel account may run it: `true` everywhere, `'groups'` only in group
   * chats (like `/reset`). Others get a short refusal; the handler does not run.
   */
  ownerOnly?: boolean | 'groups';
  handler(invocation: ChatCommandInvocation): ChatCommandReply | Promise<ChatCommandReply>;
}
