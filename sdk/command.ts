/**
 * Chat commands (`/status`, `/new`, …) a plugin offers to people writing in a chat channel.
 * `ctx.commands.register(...)` records one; channels look them up by name when a message starts
 * with `/` (issue 17 wires the channels; the registry is here so plugins can register already).
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
  /** The sender is this gateway's owner (`ownerOnly` commands run only then). */
  isOwner: boolean;
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
  /** Only the gateway's owner may run it (others get a refusal, the handler does not run). */
  ownerOnly?: boolean;
  handler(invocation: ChatCommandInvocation): ChatCommandReply | Promise<ChatCommandReply>;
}
