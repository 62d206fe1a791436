import { describe, expect, it } from 'vitest';
import type { AccessPolicy, InboundMessage } from '../../sdk/index.js';
import { decideAccess, isOwner, senderMatches } from './access-policy.js';

const dm = (over: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 't',
  accountId: 'a',
  messageId: '1',
  chatId: '42',
  chatType: 'direct',
  senderId: '42',
  senderUsername: 'Alice',
  text: 'hi',
  ts: 0,
  ...over,
});
const policy = (over: Partial<AccessPolicy> = {}): AccessPolicy => ({
  dmPolicy: 'pairing',
  allowFrom: [],
  groups: {},
  ...over,
});

describe('senderMatches', () => {
  it('matches ids, @usernames (any case), E.164 by digits and *', () => {
    expect(senderMatches(['42'], dm())).toBe(true);
    expect(senderMatches(['@alice'], dm())).toBe(true);
    expect(senderMatches(['alice'], dm())).toBe(false);
    expect(senderMatches(['+1 555 000'], dm({ senderId: '+1555000' }))).toBe(true);
    expect(senderMatches(['*'], dm())).toBe(true);
    expect(senderMatches(['43'], dm())).toBe(false);
  });
});

describe('decideAccess', () => {
  it('applies the DM policies', () => {
    expect(decideAccess(dm(), policy({ dmPolicy: 'disabled', allowFrom: ['*'] }), false).kind).toBe('deny');
    expect(decideAccess(dm(), policy({ dmPolicy: 'allowlist', allowFrom: ['7'] }), true).kind).toBe('deny');
    expect(decideAccess(dm(), policy({ dmPolicy: 'allowlist', allowFrom: ['42'] }), false).kind).toBe('allow');
    expect(decideAccess(dm(), policy({ dmPolicy: 'open', allowFrom: ['*'] }), false).kind).toBe('allow');
    expect(decideAccess(dm(), policy({ dmPolicy: 'open', allowFrom: [] }), false).kind).toBe('deny');
    expect(decideAccess(dm(), policy(), false).kind).toBe('pairing');
    expect(decideAccess(dm(), policy(), true).kind).toBe('allow');
  });

  it('gates groups on mention, group settings and group allowlists', () => {
    const g = (over: Partial<InboundMessage> = {}) => dm({ chatType: 'group', chatId: '-100', ...over });
    expect(decideAccess(g(), policy(), false).kind).toBe('ignore');
    expect(decideAccess(g({ mentioned: true }), policy(), false).kind).toBe('allow');
    expect(decideAccess(g(), policy({ groups: { '-100': { requireMention: false } } }), false).kind).toBe('allow');
    expect(decideAccess(g({ mentioned: true }), policy({ groups: { '-100': { enabled: false } } }), false).kind).toBe(
      'deny',
    );
    expect(decideAccess(g({ mentioned: true }), policy({ groupsOpen: false }), false).kind).toBe('deny');
    expect(
      decideAccess(
        g({ mentioned: true }),
        policy({ groupsOpen: false, groups: { '*': { requireMention: true } } }),
        false,
      ).kind,
    ).toBe('allow');
    expect(decideAccess(g({ mentioned: true }), policy({ groups: { '-100': { allowFrom: ['9'] } } }), false).kind).toBe(
      'deny',
    );
  });

  it('lets commands past the mention gate (not past allowlists) and applies /activation over requireMention', () => {
    const g = (over: Partial<InboundMessage> = {}) => dm({ chatType: 'group', chatId: '-100', ...over });
    expect(decideAccess(g(), policy(), false, { command: true }).kind).toBe('allow');
    expect(decideAccess(g(), policy({ groups: { '-100': { allowFrom: ['9'] } } }), false, { command: true }).kind).toBe(
      'deny',
    );
    expect(decideAccess(g(), policy(), false, { activation: 'always' }).kind).toBe('allow');
    const noMention = policy({ groups: { '-100': { requireMention: false } } });
    expect(decideAccess(g(), noMention, false, { activation: 'mention' }).kind).toBe('ignore');
  });
});

describe('isOwner', () => {
  it('uses owners, else allowFrom, and never counts "*" as naming an owner', () => {
    expect(isOwner(dm(), policy({ allowFrom: ['42'] }))).toBe(true);
    expect(isOwner(dm(), policy({ allowFrom: ['*'] }))).toBe(false);
    expect(isOwner(dm(), policy({ allowFrom: ['42'], owners: ['7'] }))).toBe(false);
    expect(isOwner(dm(), policy({ allowFrom: ['*'], owners: ['@alice'] }))).toBe(true);
    expect(isOwner(dm(), policy({ owners: ['*'] }))).toBe(false);
  });
});
