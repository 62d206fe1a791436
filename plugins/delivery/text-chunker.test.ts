import { describe, expect, it } from 'vitest';
import { chunkText } from './text-chunker.js';

describe('chunkText', () => {
  it('keeps short text whole', () => {
    expect(chunkText('  hello  ', 10)).toEqual(['hello']);
  });

  it('cuts at paragraph breaks first', () => {
    const a = 'a'.repeat(40);
    const b = 'b'.repeat(40);
    expect(chunkText(`${a}\n\n${b}`, 60)).toEqual([a, b]);
  });

  it('falls back to sentence ends, then spaces, then a hard cut', () => {
    expect(chunkText('One two three. Four five six. Seven eight nine.', 20)).toEqual([
      'One two three.',
      'Four five six.',
      'Seven eight nine.',
    ]);
    expect(chunkText('alpha beta gamma delta', 11)).toEqual(['alpha beta', 'gamma delta']);
    expect(chunkText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never exceeds the limit and loses no words', () => {
    const text = Array.from(
      { length: 200 },
      (_, i) => `word${i}${i % 7 === 0 ? '.' : ''}${i % 31 === 0 ? '\n\n' : ' '}`,
    ).join('');
    const parts = chunkText(text, 97);
    for (const p of parts) expect(p.length).toBeLessThanOrEqual(97);
    expect(parts.join(' ').split(/\s+/).filter(Boolean)).toEqual(text.split(/\s+/).filter(Boolean));
  });

  it('rejects a limit below 1', () => {
    expect(() => chunkText('x', 0)).toThrow(RangeError);
  });
});
