import path from 'node:path';
import { toolsError } from '../errors.js';

/**
 * A tool's path argument as a path relative to `root` (POSIX or host separators accepted).
 * Absolute paths are accepted only when they lie inside the root; `..` that climbs out, `~` and
 * NUL bytes are refused. Purely lexical: symlinks are checked by the workspace implementation.
 */
export function relativeInside(root: string, input: string, pathApi: typeof path.posix = path): string {
  const raw = input.trim();
  if (raw.includes('\0')) throw outside(input, root, 'it contains a NUL byte');
  if (raw.startsWith('~')) throw outside(input, root, '"~" is not expanded; use a path relative to the workspace');
  const abs = pathApi.resolve(root, raw === '' ? '.' : raw);
  const rel = pathApi.relative(root, abs);
  if (rel === '..' || rel.startsWith(`..${pathApi.sep}`) || pathApi.isAbsolute(rel))
    throw outside(
      input,
      root,
      pathApi.isAbsolute(raw) ? 'absolute paths must lie inside the workspace' : 'it climbs out with ".."',
    );
  return rel === '' ? '.' : rel.split(pathApi.sep).join('/');
}

/** True when `candidate` (absolute) is `root` or below it. */
export function isInside(root: string, candidate: string, pathApi: typeof path.posix = path): boolean {
  const rel = pathApi.relative(root, candidate);
  return rel === '' || (!rel.startsWith(`..${pathApi.sep}`) && rel !== '..' && !pathApi.isAbsolute(rel));
}

export function outside(input: string, root: string, why: string) {
  return toolsError(
    'GW_ERR_TOOLS_PATH_OUTSIDE',
    `path "${input}" is outside the workspace ${root}: ${why}. Use a path relative to the workspace.`,
    { details: { path: input, root } },
  );
}
