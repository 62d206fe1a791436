import path from 'node:path';

/**
 * `--allow` patterns of `moltbot node run` (docs/nodes.md "The node runner"): the first word
 * names the program, the rest (when given) must match the arguments joined by single spaces;
 * `*` matches any run of characters. A program word without a slash matches a program given by
 * name (looked up on the runner's PATH), never a path: `uname` does not allow `/tmp/x/uname`.
 * A program word with a slash matches the program's absolute path (a name is resolved on PATH
 * first). `uname` allows `uname` with any arguments; `'git status*'` allows `git status` and
 * `git status --short` but not `git push`; `'/usr/bin/*'` any program in /usr/bin.
 */
export interface RunPattern {
  program: RegExp;
  /** The program word has a slash: it is matched against absolute paths. */
  byPath: boolean;
  args?: RegExp;
  source: string;
}

export function parseRunPattern(source: string): RunPattern {
  const text = source.trim();
  if (!text) throw new Error('an --allow pattern must not be empty');
  const space = text.search(/\s/);
  const program = space < 0 ? text : text.slice(0, space);
  const args = space < 0 ? undefined : text.slice(space).trim();
  return {
    program: glob(program),
    byPath: program.includes('/'),
    args: args === undefined ? undefined : glob(args),
    source: text,
  };
}

/** Which pattern allows `argv` (its first entry the program), or undefined. */
export function allowedBy(
  patterns: readonly RunPattern[],
  argv: readonly string[],
  /** The program's absolute path (PATH lookup for a name, resolved against cwd for a path). */
  resolvedProgram?: string,
): RunPattern | undefined {
  const [program, ...rest] = argv;
  if (!program) return undefined;
  const byName = !program.includes('/');
  const args = rest.join(' ');
  return patterns.find((p) => {
    const programOk = p.byPath
      ? resolvedProgram !== undefined && p.program.test(path.normalize(resolvedProgram))
      : byName && p.program.test(program);
    // A bare program allows any arguments; a pattern with arguments must match them.
    return programOk && (p.args === undefined || p.args.test(args));
  });
}

function glob(pattern: string): RegExp {
  return new RegExp(`^${pattern.split('*').map(escapeRegex).join('.*')}$`);
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
