import { parse } from 'shell-quote';

/** How a command will run, as far as the approval policy can tell. */
export type CommandAnalysis =
  /** Simple commands chained by `&&`, `||`, `;` or `|`: each segment's argv is known. */
  | { kind: 'segments'; segments: string[][] }
  /** Something the policy cannot see through (substitution, redirection, variables, …). */
  | { kind: 'opaque'; reason: string };

const CHAIN_OPS = new Set(['&&', '||', ';', '|']);

/**
 * Split a command into the programs it runs. An argv array is one segment. A shell string is
 * analysed conservatively: anything whose effect is not plain "run these programs with these
 * words" — `$`, backticks, comments, redirections, subshells, background `&`, leading variable
 * assignments, several lines — is opaque, so an allowlist can never be matched by a trick.
 */
export function analyzeCommand(command: string | readonly string[]): CommandAnalysis {
  if (typeof command !== 'string') {
    if (command.length === 0 || command[0] === '') return { kind: 'opaque', reason: 'empty argv' };
    return { kind: 'segments', segments: [[...command]] };
  }
  const raw = command.trim();
  if (raw === '') return { kind: 'opaque', reason: 'empty command' };
  const bad = /[`$#\n\r\\]/.exec(raw);
  if (bad) return { kind: 'opaque', reason: `contains ${JSON.stringify(bad[0])}` };
  const segments: string[][] = [[]];
  for (const token of parse(raw)) {
    if (typeof token === 'string') {
      segments.at(-1)!.push(token);
      continue;
    }
    if ('op' in token && token.op === 'glob') {
      segments.at(-1)!.push(token.pattern);
      continue;
    }
    if ('op' in token && CHAIN_OPS.has(token.op)) {
      if (segments.at(-1)!.length === 0) return { kind: 'opaque', reason: `"${token.op}" without a command` };
      segments.push([]);
      continue;
    }
    return { kind: 'opaque', reason: 'op' in token ? `uses "${token.op}"` : 'has a comment' };
  }
  if (segments.at(-1)!.length === 0) segments.pop();
  if (segments.length === 0) return { kind: 'opaque', reason: 'empty command' };
  for (const seg of segments)
    if (/^[A-Za-z_][A-Za-z0-9_]*=/.test(seg[0]!)) return { kind: 'opaque', reason: 'sets variables before a command' };
  return { kind: 'segments', segments };
}

/** A command as one display line (argv joined with shell quoting where needed). */
export function commandText(command: string | readonly string[]): string {
  if (typeof command === 'string') return command;
  return command.map((a) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
