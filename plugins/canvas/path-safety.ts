import fs from 'node:fs';
import path from 'node:path';

/** How many rounds of percent-decoding are checked (`%252e%252e` is `..` after two). */
const DECODE_ROUNDS = 3;

/**
 * Why a request path under the canvas prefix must not reach the file system, or undefined when
 * it may. Every traversal spelling is refused whatever its encoding: `..` and `.` segments,
 * backslashes, NUL, absolute paths (`//etc/passwd`), dot-files and dot-folders, and anything
 * that does not decode cleanly. The caller answers 404 for all of them, the same as a missing
 * file, so a probe learns nothing.
 */
export function canvasPathProblem(encodedPath: string): string | undefined {
  let current = encodedPath;
  for (let round = 0; round <= DECODE_ROUNDS; round++) {
    const problem = segmentProblem(current);
    if (problem) return problem;
    let decoded: string;
    try {
      decoded = decodeURIComponent(current);
    } catch {
      return 'malformed percent-encoding';
    }
    if (decoded === current) return undefined;
    current = decoded;
  }
  return 'encoded more than three times';
}

function segmentProblem(p: string): string | undefined {
  if (p.includes('\0')) return 'NUL byte';
  if (p.includes('\\')) return 'backslash';
  if (p.startsWith('/')) return 'absolute path';
  if (/^[A-Za-z]:/.test(p)) return 'drive letter';
  for (const segment of p.split('/')) {
    if (segment === '..' || segment === '.') return 'dot segment';
    if (segment.startsWith('.')) return 'dot-file';
  }
  return undefined;
}

/**
 * Whether `relative` (already checked by canvasPathProblem) stays inside the root once symlinks
 * are resolved. A path that does not exist is "inside" (it will be a plain 404).
 */
export function staysInsideRoot(realRoot: string, relative: string): boolean {
  const candidate = path.join(realRoot, relative);
  let real: string;
  try {
    real = fs.realpathSync(candidate);
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR';
  }
  return real === realRoot || real.startsWith(realRoot + path.sep);
}
