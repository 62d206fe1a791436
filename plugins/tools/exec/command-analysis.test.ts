import { describe, expect, it } from 'vitest';
import { exactPattern, patternMatches } from './allowlist-match.js';
import { analyzeCommand, commandText } from './command-analysis.js';

describe('analyzeCommand', () => {
  it('splits simple chains and pipelines into argv segments', () => {
    expect(analyzeCommand('git status')).toEqual({ kind: 'segments', segments: [['git', 'status']] });
    expect(analyzeCommand('ls -la | wc -l && echo "a b"; true')).toEqual({
      kind: 'segments',
      segments: [['ls', '-la'], ['wc', '-l'], ['echo', 'a b'], ['true']],
    });
    expect(analyzeCommand(['printf', '%s', 'x y'])).toEqual({ kind: 'segments', segments: [['printf', '%s', 'x y']] });
  });
  it('treats anything it cannot see through as opaque', () => {
    for (const cmd of [
      'echo $HOME',
      'echo $(id)',
      'echo `id`',
      'cat < /etc/passwd',
      'ls > out',
      'sleep 1 &',
      'LD_PRELOAD=x.so ls',
      'echo a#b',
      'a\nb',
      '(cd x && ls)',
      '&& ls',
      '',
    ])
      expect(analyzeCommand(cmd).kind, cmd).toBe('opaque');
  });
  it('shows argv as one quoted line', () => {
    expect(commandText(['echo', 'a b', "it's"])).toBe(`echo 'a b' 'it'\\''s'`);
  });
});

describe('patternMatches', () => {
  const git = '/usr/bin/git';
  it('a bare program name allows it from PATH with any arguments', () => {
    expect(patternMatches('git', ['git', 'push', '--force'], git)).toBe(true);
    expect(patternMatches('git', ['./git', 'status'], '/ws/git')).toBe(false);
    expect(patternMatches('git', ['git'], undefined)).toBe(false);
  });
  it('further words pin the arguments; * and a trailing ** are wildcards', () => {
    expect(patternMatches('git status', ['git', 'status'], git)).toBe(true);
    expect(patternMatches('git status', ['git', 'status', '-s'], git)).toBe(false);
    expect(patternMatches('git log *', ['git', 'log', '--oneline'], git)).toBe(true);
    expect(patternMatches('git log *', ['git', 'log'], git)).toBe(false);
    expect(patternMatches('git log **', ['git', 'log'], git)).toBe(true);
    expect(patternMatches('git log **', ['git', 'log', 'a', 'b'], git)).toBe(true);
    expect(patternMatches("echo 'a b'", ['echo', 'a b'], '/bin/echo')).toBe(true);
  });
  it('a pattern with / is a glob on the resolved program path', () => {
    expect(patternMatches('/usr/bin/*', ['git', 'x'], git)).toBe(true);
    expect(patternMatches('/usr/local/bin/*', ['git', 'x'], git)).toBe(false);
  });
  it('exactPattern round-trips, stars included', () => {
    for (const argv of [
      ['git', 'status'],
      ['echo', 'a b', "it's"],
      ['ls', '*.ts'],
    ]) {
      expect(patternMatches(exactPattern(argv), argv, '/bin/x'), exactPattern(argv)).toBe(true);
    }
    expect(patternMatches(exactPattern(['ls', '*.ts']), ['ls', 'a.ts'], '/bin/ls')).toBe(false);
  });
});
