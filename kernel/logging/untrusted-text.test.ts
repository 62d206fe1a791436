import { describe, expect, it } from 'vitest';
import { untrustedText } from './untrusted-text.js';

describe('untrustedText', () => {
  it('escapes control, C1 and line-separator characters', () => {
    expect(untrustedText('a\nb\r\u0000c\u0085d\u2028e\u001b[31m')).toBe(
      'a\\u000ab\\u000d\\u0000c\\u0085d\\u2028e\\u001b[31m',
    );
  });

  it('truncates long values and says by how much', () => {
    const out = untrustedText('x'.repeat(250), 200)!;
    expect(out).toBe(`${'x'.repeat(200)}…(50 more)`);
  });

  it('joins arrays, passes undefined through', () => {
    expect(untrustedText(['a', 'b'])).toBe('a,b');
    expect(untrustedText(undefined)).toBeUndefined();
  });
});
