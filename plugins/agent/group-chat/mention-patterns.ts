import vm from 'node:vm';
import safeRegex from 'safe-regex2';

/** Longest pattern accepted (a mention pattern is a name or a number, not a grammar). */
export const MAX_PATTERN_LENGTH = 200;
/** Only the start of a message is searched for a mention. */
export const MAX_TEXT_LENGTH = 2000;
/**
 * Matching one message against every pattern may take this long at most; past it: no match.
 * Checked patterns on 2000 characters take microseconds: the budget only has to stop a slow
 * pattern, and must not drop a real mention when the machine is busy (50 ms did, under load).
 */
const MATCH_BUDGET_MS = 200;

/**
 * Why a mention pattern is refused at config load, or undefined when it is fine. Patterns are
 * case-insensitive regexes; those that can backtrack catastrophically are refused: nested
 * quantifiers (star height > 1, checked by safe-regex2), a quantified group with alternatives
 * (`(a|aa)*`), back-references and lookbehinds.
 */
export function mentionPatternProblem(pattern: string): string | undefined {
  if (pattern.length === 0 || pattern.length > MAX_PATTERN_LENGTH)
    return `a mention pattern must be 1-${MAX_PATTERN_LENGTH} characters`;
  try {
    new RegExp(pattern, 'iu');
  } catch (err) {
    return `"${pattern}" is not a valid regular expression: ${(err as Error).message}`;
  }
  if (/\\[1-9]|\\k</.test(pattern)) return `"${pattern}" uses a back-reference, which mention patterns may not`;
  if (/\(\?<[=!]/.test(pattern)) return `"${pattern}" uses a lookbehind, which mention patterns may not`;
  if (!safeRegex(pattern) || quantifiedAlternation(pattern))
    return (
      `"${pattern}" could take exponential time on some messages (nested or repeated alternatives such as ` +
      '(a+)+ or (a|aa)*): simplify it, e.g. list plain names: ["@?molty", "\\\\+?15551234567"]'
    );
  return undefined;
}

/** A group that contains `|` and is followed by a repetition (`*`, `+`, `{n,}`). */
function quantifiedAlternation(pattern: string): boolean {
  const stack: boolean[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === '[') {
      // Skip a character class: `|` and parentheses inside are literal.
      for (i++; i < pattern.length && pattern[i] !== ']'; i++) if (pattern[i] === '\\') i++;
      continue;
    }
    if (c === '(') stack.push(false);
    else if (c === '|' && stack.length) stack[stack.length - 1] = true;
    else if (c === ')') {
      const alternatives = stack.pop() ?? false;
      if (alternatives && /^(?:[*+]|\{\d*,\d*\})/.test(pattern.slice(i + 1))) return true;
      if (alternatives && stack.length) stack[stack.length - 1] = true;
    }
  }
  return false;
}

/**
 * A matcher over validated patterns. The text is cut to MAX_TEXT_LENGTH and matched inside a
 * vm context with a time budget, so even a pattern the checks let through cannot stall the
 * gateway: past the budget the message simply does not count as a mention.
 */
export function mentionMatcher(patterns: readonly string[], onTimeout?: () => void): (text: string) => boolean {
  const compiled = patterns.filter((p) => !mentionPatternProblem(p)).map((p) => new RegExp(p, 'iu'));
  if (compiled.length === 0) return () => false;
  const context = vm.createContext({ patterns: compiled, text: '' });
  const script = new vm.Script('patterns.some((p) => p.test(text))');
  return (text) => {
    context.text = text.slice(0, MAX_TEXT_LENGTH);
    try {
      return script.runInContext(context, { timeout: MATCH_BUDGET_MS }) === true;
    } catch {
      onTimeout?.();
      return false;
    }
  };
}
