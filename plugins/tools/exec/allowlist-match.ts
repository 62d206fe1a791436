import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import picomatch from 'picomatch';
import { parse } from 'shell-quote';

/** One allowlist entry of `exec-approvals.json` (fields as in the original Moltbot). */
export interface AllowlistEntry {
  id?: string;
  pattern: string;
  lastUsedAt?: number;
  lastUsedCommand?: string;
  lastResolvedPath?: string;
}

/**
 * An argv pattern: whitespace-separated words, shell quoting allowed. The first word names the
 * program — a bare name matches that command found on PATH, a word with `/` is a glob on the
 * program's absolute path (`~` expands). Each further word matches one argument (`*` any text,
 * `\*` a literal star); a last word `**` matches any remaining arguments. A pattern of just the
 * program matches it with any arguments (as the original Moltbot's path patterns do).
 */
export function patternMatches(pattern: string, argv: readonly string[], resolvedPath: string | undefined): boolean {
  const words = patternWords(pattern);
  if (!words || words.length === 0 || argv.length === 0) return false;
  const [program, ...args] = words;
  if (!programMatches(program!, argv[0]!, resolvedPath)) return false;
  if (args.length === 0) return true;
  const rest = argv.slice(1);
  const anyTail = args.at(-1) === '**';
  const fixed = anyTail ? args.slice(0, -1) : args;
  if (anyTail ? rest.length < fixed.length : rest.length !== fixed.length) return false;
  return fixed.every((w, i) => wordMatches(w, rest[i]!));
}

/** The pattern that allows exactly this argv again (what "allow-always" stores). */
export function exactPattern(argv: readonly string[]): string {
  return argv
    .map((a) => {
      const escaped = a.replace(/\*/g, '\\*');
      return /^[A-Za-z0-9_@%+=:,./\\*-]+$/.test(escaped) ? escaped : `'${escaped.replace(/'/g, `'\\''`)}'`;
    })
    .join(' ');
}

/** The absolute path a program runs from: a path with `/` relative to cwd, a bare name on PATH. */
export function resolveProgram(program: string, cwd: string, pathVar: string | undefined): string | undefined {
  if (program.includes('/')) {
    const abs = path.resolve(cwd, program);
    return isExecutable(abs) ? abs : undefined;
  }
  for (const dir of (pathVar ?? '').split(path.delimiter)) {
    if (!dir || !path.isAbsolute(dir)) continue;
    const candidate = path.join(dir, program);
    if (isExecutable(candidate)) return candidate;
  }
  return undefined;
}

function isExecutable(file: string): boolean {
  try {
    const st = fs.statSync(file);
    if (!st.isFile()) return false;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function patternWords(pattern: string): string[] | undefined {
  // Keep `\*` as a literal-star marker through shell-quote (which would eat the backslash).
  const marked = pattern.trim().replace(/\\\*/g, '\u0000');
  const words: string[] = [];
  for (const token of parse(marked)) {
    if (typeof token === 'string') words.push(token);
    else if ('op' in token && token.op === 'glob') words.push(token.pattern);
    else return undefined;
  }
  return words;
}

function programMatches(word: string, program: string, resolvedPath: string | undefined): boolean {
  if (!word.includes('/')) {
    // A bare name allows that command from PATH, never a same-named file given by path.
    return !program.includes('/') && word.replace(/\u0000/g, '*') === program && resolvedPath !== undefined;
  }
  if (!resolvedPath) return false;
  const expanded = word.startsWith('~/') ? path.join(os.homedir(), word.slice(2)) : word;
  return picomatch.isMatch(resolvedPath, expanded.replace(/\u0000/g, '\\*'), { nocase: true, dot: true });
}

function wordMatches(word: string, arg: string): boolean {
  const re = word
    .split('*')
    .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\u0000/g, '\\*'))
    .join('.*');
  return new RegExp(`^${re}$`, 's').test(arg);
}
