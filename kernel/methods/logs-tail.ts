import fs from 'node:fs';
import Type from 'typebox';
import type { MethodRegistry } from '../bus/method-registry.js';
import type { CoreMethodDeps } from './core-method-deps.js';

export interface LogsTailResult {
  file: string;
  /** Pass back as `cursor` to get what was written since. */
  cursor: number;
  size: number;
  lines: string[];
  truncated: boolean;
  /** The file was rotated or truncated since the cursor: reading restarted at 0. */
  reset: boolean;
}

/** Read the end of the log file, or what follows `cursor` (Moltbot `logs.tail`). */
export function tailLogFile(
  file: string,
  options: { cursor?: number; limit: number; maxBytes: number },
): LogsTailResult {
  let size = 0;
  try {
    size = fs.statSync(file).size;
  } catch {
    return { file, cursor: 0, size: 0, lines: [], truncated: false, reset: false };
  }
  let reset = false;
  let start: number;
  if (options.cursor === undefined) start = Math.max(0, size - options.maxBytes);
  else if (options.cursor > size) {
    reset = true;
    start = 0;
  } else start = options.cursor;
  let truncated = false;
  if (size - start > options.maxBytes) {
    start = size - options.maxBytes;
    truncated = true;
  }
  const length = size - start;
  const buf = Buffer.alloc(length);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, buf, 0, length, start);
  } finally {
    fs.closeSync(fd);
  }
  let text = buf.toString('utf8');
  // Starting mid-file: drop the partial first line.
  if (start > 0 && (options.cursor === undefined || truncated)) text = text.slice(text.indexOf('\n') + 1);
  // Keep an unfinished last line for the next call.
  const lastNl = text.lastIndexOf('\n');
  const complete = lastNl >= 0 ? text.slice(0, lastNl) : '';
  const consumed = lastNl >= 0 ? Buffer.byteLength(text.slice(0, lastNl + 1)) : 0;
  let lines = complete === '' ? [] : complete.split('\n');
  if (lines.length > options.limit) {
    lines = lines.slice(-options.limit);
    truncated = true;
  }
  // maxBytes bounds the response as sent: JSON escaping (quotes, backslashes) can double a line.
  let encoded = 0;
  let keepFrom = lines.length;
  while (keepFrom > 0) {
    const size = JSON.stringify(lines[keepFrom - 1]).length + 1;
    if (encoded + size > options.maxBytes) break;
    encoded += size;
    keepFrom--;
  }
  if (keepFrom > 0) {
    lines = lines.slice(keepFrom);
    truncated = true;
  }
  return { file, cursor: size - (Buffer.byteLength(text) - consumed), size, lines, truncated, reset };
}

export function registerLogsTail(methods: MethodRegistry, deps: CoreMethodDeps): void {
  methods.register('kernel', 'logs.tail', {
    scope: 'operator.read',
    params: Type.Object({
      cursor: Type.Optional(Type.Integer({ minimum: 0 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
      maxBytes: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_048_576 })),
    }),
    description: 'Lines of the gateway log file (JSON lines), from the end or from a cursor.',
    handler: (p) =>
      tailLogFile(deps.runtime().paths.logFile, {
        cursor: p.cursor,
        limit: p.limit ?? 200,
        maxBytes: p.maxBytes ?? 262_144,
      }),
  });
}
