import { describe, expect, it } from 'vitest';
import { estimateTokens, fitToContext } from './context-window.js';
import type { ChatMessage } from './provider/model-types.js';

const msg = (role: 'user' | 'assistant', chars: number, tag: string): ChatMessage => ({
  role,
  content: `${tag}${'x'.repeat(chars)}`,
});

describe('fitToContext', () => {
  const transcript: ChatMessage[] = [
    msg('user', 400, 'u1'),
    msg('assistant', 400, 'a1'),
    msg('user', 400, 'u2'),
    msg('assistant', 400, 'a2'),
    msg('user', 400, 'u3'),
  ];

  it('keeps everything that fits', () => {
    const r = fitToContext('sys', transcript, [], 4, 10_000, 'truncate', 'k');
    expect(r.droppedMessages).toBe(0);
    expect(r.messages).toHaveLength(5);
  });

  it('drops whole oldest turns, never the newest', () => {
    const r = fitToContext('sys', transcript, [], 4, 350, 'truncate', 'k');
    expect(r.messages[0]!.role).toBe('user');
    expect(r.messages.at(-1)!.content.startsWith('u3')).toBe(true);
    expect(r.messages.some((m) => m.content.startsWith('u1'))).toBe(false);
    expect(r.estimatedTokens).toBeLessThanOrEqual(350);
  });

  it('fails clearly when the newest turn alone does not fit, or when truncation is off', () => {
    expect(() =>
      fitToContext('sys', transcript, [], 4, 50, 'truncate', 'models.providers.p.models[id=m].contextWindow'),
    ).toThrow(/contextWindow/);
    expect(() => fitToContext('sys', transcript, [], 4, 350, 'off', 'k')).toThrow(/compaction.mode/);
  });

  it('estimates 4 characters a token', () => {
    expect(estimateTokens('x'.repeat(40))).toBe(10);
  });
});
