import { describe, expect, it } from 'vitest';
import { relativeTime, shortId, textTable } from './text-table.js';

describe('text table', () => {
  it('pads columns to the widest cell and shows empty cells as -', () => {
    expect(
      textTable(
        ['A', 'BB'],
        [
          ['xxx', undefined],
          ['y', 'z'],
        ],
      ),
    ).toEqual(['A    BB', 'xxx  -', 'y    z']);
  });

  it('relative times read naturally, past and future', () => {
    const now = 1_000_000_000;
    expect(relativeTime(now - 2000, now)).toBe('just now');
    expect(relativeTime(now - 42_000, now)).toBe('42 s ago');
    expect(relativeTime(now - 180_000, now)).toBe('3 min ago');
    expect(relativeTime(now + 540_000, now)).toBe('in 9 min');
    expect(relativeTime(undefined, now)).toBeUndefined();
  });

  it('shortens 64-hex ids only', () => {
    expect(shortId('a'.repeat(64))).toBe('aaaaaaaaaaaa');
    expect(shortId('box-1')).toBe('box-1');
  });
});
