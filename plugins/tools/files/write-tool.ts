import { type AgentTool, Type } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';
import { assertWritable, type FileToolDeps } from './file-tool-deps.js';

/** `write {path, content}`: create or replace a file (parent folders created). */
export function writeTool(deps: FileToolDeps): AgentTool {
  return {
    name: 'write',
    description: 'Create or overwrite a text file in the workspace (parent folders are created).',
    dangerous: true,
    parameters: Type.Object({
      path: Type.String({ minLength: 1, description: 'File path relative to the workspace.' }),
      content: Type.String({ description: 'The whole new content.' }),
    }),
    async execute(args: { path: string; content: string }, invocation) {
      const { fs } = await deps.target(invocation);
      assertWritable(fs, 'write');
      const rel = fs.relative(args.path);
      const bytes = Buffer.from(args.content, 'utf8');
      const max = deps.config().maxWriteBytes;
      if (bytes.length > max)
        throw toolsError(
          'GW_ERR_TOOLS_FILE_TOO_LARGE',
          `content for ${rel} is ${bytes.length} bytes, over tools.fs.maxWriteBytes (${max})`,
        );
      const existed = (await fs.stat(args.path)) !== undefined;
      await fs.writeFiles([{ path: args.path, content: bytes }]);
      return { ok: true, path: rel, bytes: bytes.length, created: !existed };
    },
  };
}
