import { describe, expect, it } from 'vitest';
import { allowedBy, parseRunPattern } from './run-allowlist.js';

const patterns = ['uname', 'git status*', '/usr/bin/*'].map(parseRunPattern);

describe('node run allowlist', () => {
  it('a bare program allows it with any arguments', () => {
    expect(allowedBy(patterns, ['uname', '-a'])?.source).toBe('uname');
    // A name pattern never allows a path: /tmp/x/uname is not the uname the owner meant.
    expect(allowedBy(patterns, ['/tmp/x/uname'], '/tmp/x/uname')).toBeUndefined();
  });

  it('a pattern with arguments must match them', () => {
    expect(allowedBy(patterns, ['git', 'status', '--short'])?.source).toBe('git status*');
    expect(allowedBy(patterns, ['git', 'push'])).toBeUndefined();
  });

  it('matches the resolved absolute path too; refuses what nothing allows', () => {
    expect(allowedBy(patterns, ['ls', '-l'], '/usr/bin/ls')?.source).toBe('/usr/bin/*');
    expect(allowedBy(patterns, ['ls', '-l'], '/bin/ls')).toBeUndefined();
    expect(allowedBy(patterns, ['/usr/bin/../../tmp/x'], '/usr/bin/../../tmp/x')).toBeUndefined();
    expect(allowedBy(patterns, ['rm', '-rf', '/'])).toBeUndefined();
    expect(allowedBy(patterns, [])).toBeUndefined();
  });

  it('a regex character in a pattern is literal', () => {
    expect(allowedBy([parseRunPattern('a.b')], ['axb'])).toBeUndefined();
    expect(() => parseRunPattern('  ')).toThrow(/empty/);
  });
});
