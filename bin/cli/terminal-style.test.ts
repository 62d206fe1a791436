import { describe, expect, it } from 'vitest';
import { colorsWanted, terminalStyle } from './terminal-style.js';

describe('colors', () => {
  it('only on a TTY, never with NO_COLOR or TERM=dumb', () => {
    expect(colorsWanted({ isTTY: true }, {})).toBe(true);
    expect(colorsWanted({ isTTY: false }, {})).toBe(false);
    expect(colorsWanted({}, {})).toBe(false);
    expect(colorsWanted({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(colorsWanted({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });

  it('plain text when off, ANSI codes when on', () => {
    expect(terminalStyle(false).red('x')).toBe('x');
    expect(terminalStyle(true).red('x')).toBe('\u001b[31mx\u001b[39m');
  });
});
