import type { AccessPolicy, InboundMessage } from '../../sdk/index.js';
/** What the policy says about one inbound message (before pairing state is consulted). */
export type AccessDecision = {
    kind: 'allow';
} | {
    kind: 'pairing';
} | {
    kind: 'deny';
    reason: string;
} | {
    kind: 'ignore';
    reason: string;
};
/**
 * Does an allowFrom list name this sender? Entries are platform ids, usernames (with or
 * without `@`, any case), E.164 numbers (compared by digits) or `"*"`.
 */
export declare function senderMatches(entries: readonly string[], message: Pick<InboundMessage, 'senderId' | 'senderUsername'>): boolean;
/**
 * Apply a channel account's policy. `approved` says whether an operator approved this sender
 * through pairing. Strangers never reach the agent: only `allow` does.
 */
export declare function decideAccess(message: InboundMessage, policy: AccessPolicy, approved: boolean): AccessDecision;
