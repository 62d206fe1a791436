import { type AgentTool, Type } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';
import { assertWritable, decodeText, type FileToolDeps } from './file-tool-deps.js';
import { nearestMatch } from './nearest-match.js';

/**
 * `edit {path, oldText, newText}`: replace one exact occurrence. Not found → the nearest text is
 * shown (with its line) so the model can retry; found more than once → it must add context.
 */
export function editTool(deps: FileToolDeps): AgentTool {
  return {
    name: 'edit',
    description:
      'Replace exactly one occurrence of oldText with newText in a workspace file. oldText must match the file ' +
      'exactly (whitespace included) and be unique; include surrounding lines to make it unique.',
    dangerous: true,
    parameters: Type.Object({
      path: Type.String({ minLength: 1, description: 'File path relative to the workspace.' }),
      oldText: Type.String({ minLength: 1, description: 'The exact text to replace.' }),
      newText: Type.String({ description: 'The replacement.' }),
    }),
    async execute(args: { path: string; oldText: string; newText: string }, invocation) {
      const { fs } = await deps.target(invocation);
      assertWritable(fs, 'edit');
      const rel = fs.relative(args.path);
      const text = decodeText(await fs.readFile(args.path, deps.config().maxReadBytes), rel);
      const first = text.indexOf(args.oldText);
      if (first < 0) {
        const near = nearestMatch(text, args.oldText);
        throw toolsError(
          'GW_ERR_TOOLS_EDIT_NOT_FOUND',
          near
            ? `oldText was not found in ${rel}. The nearest text, at line ${near.line}, is:\n${near.text}\n` +
                'Copy it exactly (whitespace included) into oldText.'
            : `oldText was not found in ${rel}, and nothing in the file resembles it; read the file first.`,
          { details: { path: rel, nearestLine: near?.line } },
        );
      }
      const lines: number[] = [];
      for (let at = first; at >= 0; at = text.indexOf(args.oldText, at + 1)) {
        lines.push(text.slice(0, at).split('\n').length);
        if (lines.length > 5) break;
      }
      if (lines.length > 1)
        throw toolsError(
          'GW_ERR_TOOLS_EDIT_AMBIGUOUS',
          `oldText occurs ${lines.length > 5 ? 'more than 5' : lines.length} times in ${rel} (lines ` +
            `${lines.slice(0, 5).join(', ')}); include more surrounding text so it matches once`,
          { details: { path: rel, lines } },
        );
      const next = text.slice(0, first) + args.newText + text.slice(first + args.oldText.length);
      await fs.writeFiles([{ path: args.path, content: Buffer.from(next, 'utf8') }]);
      return { ok: true, path: rel, line: lines[0], replacements: 1 };
    },
  };
}
