import { type AgentTool, Type } from '../../../sdk/index.js';
import { decodeText, type FileToolDeps } from './file-tool-deps.js';

const DEFAULT_LINES = 2000;

/** `read {path, offset?, limit?}`: a text file's lines (offset is 1-based), size-capped. */
export function readTool(deps: FileToolDeps): AgentTool {
  return {
    name: 'read',
    description:
      'Read a text file from the workspace. Paths are relative to the workspace. offset: first line (1-based); ' +
      `limit: number of lines (default ${DEFAULT_LINES}). Binary files are refused.`,
    parameters: Type.Object({
      path: Type.String({ minLength: 1, description: 'File path relative to the workspace.' }),
      offset: Type.Optional(Type.Integer({ minimum: 1, description: 'First line to return (1-based).' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100_000, description: 'Lines to return.' })),
    }),
    async execute(args: { path: string; offset?: number; limit?: number }, invocation) {
      const { fs } = await deps.target(invocation);
      const rel = fs.relative(args.path);
      const text = decodeText(await fs.readFile(args.path, deps.config().maxReadBytes), rel);
      if (text === '') return `(${rel} is empty)`;
      const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
      const start = (args.offset ?? 1) - 1;
      if (start >= lines.length) return `(${rel} has ${lines.length} lines; offset ${args.offset} is past the end)`;
      const end = Math.min(lines.length, start + (args.limit ?? DEFAULT_LINES));
      const body = lines.slice(start, end).join('\n');
      if (start === 0 && end === lines.length) return body;
      const more = end < lines.length ? `; call read with offset=${end + 1} to continue` : '';
      return `${body}\n\n[lines ${start + 1}-${end} of ${lines.length}${more}]`;
    },
  };
}
