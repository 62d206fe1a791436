import type { StructuredPatch } from 'diff';
import { type AgentTool, Type } from '../../../sdk/index.js';
import { toolsError } from '../errors.js';
import { assertWritable, decodeText, type FileToolDeps } from './file-tool-deps.js';

/** `a/x` / `b/x` (git) → `x`; `/dev/null` → undefined. */
function patchPath(name: string | undefined): string | undefined {
  if (!name || name === '/dev/null') return undefined;
  const clean = name.split('\t')[0]!.trim();
  return /^[ab]\//.test(clean) ? clean.slice(2) : clean;
}

/**
 * `apply_patch {input}`: a unified diff (as `diff -u` or `git diff` write it) over any number of
 * files, applied all or nothing: every hunk is checked in memory first, then the files are
 * written together; nothing changes when one hunk does not apply.
 */
export function applyPatchTool(deps: FileToolDeps): AgentTool {
  return {
    name: 'apply_patch',
    description:
      'Apply a unified diff (--- a/file, +++ b/file, @@ hunks) to workspace files; /dev/null creates or deletes ' +
      'a file. All or nothing: if any hunk does not apply, no file changes.',
    dangerous: true,
    parameters: Type.Object({ input: Type.String({ minLength: 1, description: 'The unified diff.' }) }),
    async execute(args: { input: string }, invocation) {
      const { fs } = await deps.target(invocation);
      assertWritable(fs, 'apply_patch');
      const { applyPatch, parsePatch } = await import('diff');
      let patches: StructuredPatch[];
      try {
        patches = parsePatch(args.input).filter((p) => p.hunks.length > 0 || p.oldFileName || p.newFileName);
      } catch (err) {
        throw toolsError('GW_ERR_TOOLS_PATCH_INVALID', `the patch is not a unified diff: ${(err as Error).message}`);
      }
      if (patches.length === 0 || patches.every((p) => p.hunks.length === 0))
        throw toolsError(
          'GW_ERR_TOOLS_PATCH_INVALID',
          'the patch has no hunks: give a unified diff with ---/+++ headers and @@ hunks',
        );
      const writes: Array<{ path: string; content: Buffer }> = [];
      const removes: string[] = [];
      const summary: Array<{ path: string; action: 'created' | 'modified' | 'deleted' }> = [];
      for (const patch of patches) {
        const from = patchPath(patch.oldFileName);
        const to = patchPath(patch.newFileName);
        const target = to ?? from;
        if (!target)
          throw toolsError('GW_ERR_TOOLS_PATCH_INVALID', 'a file section names neither an old nor a new file');
        const rel = fs.relative(target);
        let source = '';
        if (from) {
          const entry = await fs.stat(from);
          if (!entry)
            throw toolsError(
              'GW_ERR_TOOLS_PATCH_FAILED',
              `the patch changes ${fs.relative(from)}, which does not exist`,
            );
          source = decodeText(await fs.readFile(from, deps.config().maxReadBytes), fs.relative(from));
        } else if (await fs.stat(target)) {
          throw toolsError('GW_ERR_TOOLS_PATCH_FAILED', `the patch creates ${rel}, which already exists`);
        }
        const result = applyPatch(source, patch);
        if (result === false) {
          const hunk = patch.hunks.find((h) => applyPatch(source, { ...patch, hunks: [h] }) === false);
          throw toolsError(
            'GW_ERR_TOOLS_PATCH_FAILED',
            `the patch does not apply to ${rel}` +
              (hunk ? ` (hunk @@ -${hunk.oldStart},${hunk.oldLines} @@ does not match the file)` : '') +
              '; no file was changed. Read the file and make the patch from its current text.',
            { details: { path: rel } },
          );
        }
        if (!to) {
          removes.push(from!);
          summary.push({ path: rel, action: 'deleted' });
        } else {
          writes.push({ path: to, content: Buffer.from(result, 'utf8') });
          summary.push({ path: rel, action: from ? 'modified' : 'created' });
          if (from && from !== to) removes.push(from);
        }
      }
      if (writes.length) await fs.writeFiles(writes);
      if (removes.length) await fs.removeFiles(removes);
      return { ok: true, files: summary };
    },
  };
}
