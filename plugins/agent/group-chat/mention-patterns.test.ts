import { describe, expect, it } from 'vitest';
import { mentionMatcher, mentionPatternProblem } from './mention-patterns.js';

describe('mention patterns', () => {
  it('accepts names and numbers, case-insensitive', () => {
    for (const p of ['@?molty', '\\bmolt(y|bot)\\b', '\\+?15551234567', 'hey (assistant|bot)'])
      expect(mentionPatternProblem(p)).toBeUndefined();
    const mentioned = mentionMatcher(['@?molty', '\\+?15551234567']);
    expect(mentioned('Hey MOLTY, lunch?')).toBe(true);
    expect(mentioned('call +15551234567')).toBe(true);
    expect(mentioned('nobody here')).toBe(false);
  });

  it('refuses patterns that can backtrack catastrophically, and invalid ones, saying why', () => {
    expect(mentionPatternProblem('(a+)+$')).toMatch(/exponential/);
    expect(mentionPatternProblem('(a|aa)*c')).toMatch(/exponential/);
    expect(mentionPatternProblem('(\\w+\\s?)*$')).toMatch(/exponential/);
    expect(mentionPatternProblem('(a)\\1')).toMatch(/back-reference/);
    expect(mentionPatternProblem('(?<=x)y')).toMatch(/lookbehind/);
    expect(mentionPatternProblem('[unclosed')).toMatch(/not a valid regular expression/);
    expect(mentionPatternProblem('x'.repeat(201))).toMatch(/1-200 characters/);
    // `|` inside a character class is a literal, not an alternative.
    expect(mentionPatternProblem('[a|b]+x')).toBeUndefined();
  });

  it('bounds matching time: a slow pattern counts as no mention instead of stalling', () => {
    let timeouts = 0;
    // Polynomial backtracking the load checks let through: the time budget stops it.
    const slow = mentionMatcher(['\\s*\\s*\\s*\\s*\\s*x'], () => timeouts++);
    expect(slow(`${' '.repeat(5000)}y`)).toBe(false);
    expect(timeouts).toBe(1);
    expect(slow('   x')).toBe(true);
  });
});
