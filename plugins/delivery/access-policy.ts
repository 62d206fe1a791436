import type { AccessPolicy, InboundMessage } from '../../sdk/index.js';

/** What the policy says about one inbound message (before pairing state is consulted). */
export type AccessDecision =
  | { kind: 'allow' }
  | { kind: 'pairing' }
  | { kind: 'deny'; reason: string }
  | { kind: 'ignore'; reason: string };

/**
 * Does an allowFrom list name this sender? Entries are platform ids, usernames (with or
 * without `@`, any case), E.164 numbers (compared by digits) or `"*"`.
 */
export function senderMatches(
  entries: readonly string[],
  message: Pick<InboundMessage, 'senderId' | 'senderUsername'>,
): boolean {
  const id = message.senderId;
  const username = message.senderUsername?.replace(/^@/, '').toLowerCase();
  const digits = id.replace(/\D/g, '');
  for (const raw of entries) {
    const entry = String(raw).trim();
    if (entry === '*' || entry === id) return true;
    if (username && entry.startsWith('@') && entry.slice(1).toLowerCase() === username) return true;
    if (entry.startsWith('+') && digits.length > 0 && entry.replace(/\D/g, '') === digits) return true;
  }
  return false;
}

/**
 * Owners of a channel account may run owner-only commands: `owners` when set, else `allowFrom`.
 * `"*"` never makes anyone an owner (an open bot has no owners unless they are named).
 */
export function isOwner(message: Pick<InboundMessage, 'senderId' | 'senderUsername'>, policy: AccessPolicy): boolean {
  const entries = (policy.owners ?? policy.allowFrom).filter((e) => String(e).trim() !== '*');
  return senderMatches(entries, message);
}

/** What the router knows about a message before the policy runs. */
export interface AccessContext {
  /** The message is a chat command the gateway answers: in groups it needs no mention. */
  command?: boolean;
  /** `/activation` of this group: overrides the group's `requireMention`. */
  activation?: 'mention' | 'always';
}

/**
 * Apply a channel account's policy. `approved` says whether an operator approved this sender
 * through pairing. Strangers never reach the agent: only `allow` does.
 */
export function decideAccess(
  message: InboundMessage,
  policy: AccessPolicy,
  approved: boolean,
  context: AccessContext = {},
): AccessDecision {
  if (message.chatType === 'group') return decideGroup(message, policy, context);
  switch (policy.dmPolicy) {
    case 'disabled':
      return { kind: 'deny', reason: 'direct messages are disabled (dmPolicy "disabled")' };
    case 'open':
      // `open` must be spelled out with allowFrom ["*"]; anything else falls back to the list.
      return senderMatches(policy.allowFrom, message)
        ? { kind: 'allow' }
        : { kind: 'deny', reason: 'sender not in allowFrom' };
    case 'allowlist':
      return senderMatches(policy.allowFrom, message)
        ? { kind: 'allow' }
        : { kind: 'deny', reason: 'sender not in allowFrom' };
    default:
      if (approved || senderMatches(policy.allowFrom, message)) return { kind: 'allow' };
      return { kind: 'pairing' };
  }
}

function decideGroup(message: InboundMessage, policy: AccessPolicy, context: AccessContext): AccessDecision {
  const settings = policy.groups[message.chatId] ?? policy.groups['*'];
  if (!settings && policy.groupsOpen === false)
    return { kind: 'deny', reason: 'group not listed in groups (groupPolicy "allowlist")' };
  if (settings?.enabled === false) return { kind: 'deny', reason: 'group disabled in config' };
  if (settings?.allowFrom && settings.allowFrom.length > 0 && !senderMatches(settings.allowFrom, message)) {
    return { kind: 'deny', reason: "sender not in the group's allowFrom" };
  }
  const requireMention = context.activation ? context.activation === 'mention' : (settings?.requireMention ?? true);
  // A command is addressed to the gateway by its form; members need not @mention the bot for it.
  if (requireMention && !message.mentioned && !context.command)
    return { kind: 'ignore', reason: 'not mentioned or replied to' };
  return { kind: 'allow' };
}
