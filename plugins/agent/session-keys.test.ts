import { describe, expect, it } from 'vitest';
import { normalizeSessionKey, sessionKeyForOrigin } from './session-keys.js';

const origin = { channel: 'telegram', accountId: 'default', chatId: '42', senderId: '7' };

describe('session keys', () => {
  it('DMs go to the main session by default, or per peer', () => {
    expect(sessionKeyForOrigin({ ...origin, chatType: 'direct' }, 'main', 'main', 'main')).toBe('agent:main:main');
    expect(sessionKeyForOrigin({ ...origin, chatType: 'direct' }, 'main', 'main', 'per-peer')).toBe(
      'agent:main:telegram:dm:7',
    );
  });

  it('groups get one session each, threads their own', () => {
    expect(sessionKeyForOrigin({ ...origin, chatType: 'group' }, 'work', 'main', 'main')).toBe(
      'agent:work:telegram:group:42',
    );
    expect(sessionKeyForOrigin({ ...origin, chatType: 'group', threadId: '9' }, 'work', 'main', 'main')).toBe(
      'agent:work:telegram:group:42:thread:9',
    );
  });

  it('normalizes client keys', () => {
    expect(normalizeSessionKey('main', 'main', 'main')).toBe('agent:main:main');
    expect(normalizeSessionKey(undefined, 'ops', 'main')).toBe('agent:ops:main');
    expect(normalizeSessionKey('notes', 'main', 'main')).toBe('agent:main:notes');
    expect(normalizeSessionKey('agent:x:y', 'main', 'main')).toBe('agent:x:y');
    expect(() => normalizeSessionKey('bad\u0000key', 'main', 'main')).toThrow(/printable/);
  });
});
