import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../sdk/index.js';
import { CURRENT_HEADER, HISTORY_HEADER, turnPrompt } from './turn-prompt.js';

const msg = (text: string, over: Partial<InboundMessage> = {}): InboundMessage => ({
  channel: 'telegram',
  accountId: 'a',
  messageId: '1',
  chatId: '-100',
  chatType: 'group',
  senderId: '7',
  senderName: 'Alice',
  text,
  ts: 0,
  ...over,
});

describe('turnPrompt', () => {
  it('keeps a direct message as typed, naming attachments that did not arrive', () => {
    expect(turnPrompt(msg('hi', { chatType: 'direct' }))).toBe('hi');
    expect(turnPrompt(msg('look', { chatType: 'direct', mediaErrors: ['big.pdf is too large'] }))).toBe(
      'look\n[attachment not received: big.pdf is too large]',
    );
  });

  it('puts the group history first, marked as context, each line with its speaker', () => {
    const history = [msg('the meeting is at 5', { senderName: 'Bob' }), msg('ok', { senderName: undefined })];
    expect(turnPrompt(msg('@bot when is it?'), history)).toBe(
      `${HISTORY_HEADER}\nBob: the meeting is at 5\n7: ok\n\n${CURRENT_HEADER}\nAlice: @bot when is it?`,
    );
    expect(turnPrompt(msg('@bot hi'))).toBe('Alice: @bot hi');
  });

  it('bounds the history: long lines cut, the oldest lines dropped first', () => {
    const history = Array.from({ length: 40 }, (_, i) => msg(`${i} ${'x'.repeat(600)}`));
    const prompt = turnPrompt(msg('now'), history);
    expect(prompt.length).toBeLessThan(9000);
    expect(prompt).toContain('39 x');
    expect(prompt).not.toContain('\nAlice: 0 x');
    expect(prompt).toContain('…');
  });
});
