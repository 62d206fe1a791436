import picomatch from 'picomatch';
import { type AgentTool, Type } from '../../../sdk/index.js';
import type { WorkspaceEntry } from '../workspace/workspace-fs.js';
import type { FileToolDeps } from './file-tool-deps.js';

/** Folders glob does not descend into unless the pattern names them. */
const SKIPPED = new Set(['.git', 'node_modules']);

function render(entries: WorkspaceEntry[]): string {
  return entries
    .map((e) => (e.type === 'dir' ? `${e.path}/` : e.type === 'symlink' ? `${e.path}@` : `${e.path}  (${e.size} B)`))
    .join('\n');
}

/** `list {path?, depth?, limit?}`: a folder's entries (folders end in `/`, symlinks in `@`). */
export function listTool(deps: FileToolDeps): AgentTool {
  return {
    name: 'list',
    description: 'List a workspace folder (default: the workspace root). depth: levels to descend (default 1).',
    parameters: Type.Object({
      path: Type.Optional(Type.String({ description: 'Folder relative to the workspace (default ".").' })),
      depth: Type.Optional(Type.Integer({ minimum: 1, maximum: 10 })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    }),
    async execute(args: { path?: string; depth?: number; limit?: number }, invocation) {
      const { fs } = await deps.target(invocation);
      const limit = args.limit ?? 500;
      const entries = await fs.list(args.path ?? '.', { maxDepth: args.depth ?? 1, limit: limit + 1 });
      if (entries.length === 0) return `(${fs.relative(args.path ?? '.')} is empty)`;
      const shown = render(entries.slice(0, limit));
      return entries.length > limit ? `${shown}\n[more than ${limit} entries; narrow the path or raise limit]` : shown;
    },
  };
}

/** `glob {pattern, path?, limit?}`: workspace files whose path matches a glob (`**` for any depth). */
export function globTool(deps: FileToolDeps): AgentTool {
  return {
    name: 'glob',
    description:
      'Find workspace files by glob pattern, e.g. "**/*.ts" or "docs/*.md" (relative to path, default the ' +
      'workspace). .git and node_modules are skipped unless the pattern names them.',
    parameters: Type.Object({
      pattern: Type.String({ minLength: 1 }),
      path: Type.Optional(Type.String({ description: 'Folder to search from (default ".").' })),
      limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 5000 })),
    }),
    async execute(args: { pattern: string; path?: string; limit?: number }, invocation) {
      const { fs } = await deps.target(invocation);
      const base = fs.relative(args.path ?? '.');
      const limit = args.limit ?? 500;
      const isMatch = picomatch(args.pattern, { dot: args.pattern.includes('/.') || args.pattern.startsWith('.') });
      const namesSkipped = ![...SKIPPED].some((s) => args.pattern.includes(s));
      const all = await fs.list(base, { maxDepth: 25, limit: 20_000 });
      const found: WorkspaceEntry[] = [];
      for (const e of all) {
        const rel = base === '.' ? e.path : e.path.slice(base.length + 1);
        if (namesSkipped && rel.split('/').some((part) => SKIPPED.has(part))) continue;
        if (e.type !== 'dir' && isMatch(rel)) found.push(e);
        if (found.length > limit) break;
      }
      if (found.length === 0) return `(no files under ${base} match ${args.pattern})`;
      const shown = render(found.slice(0, limit));
      return found.length > limit ? `${shown}\n[more than ${limit} matches; refine the pattern]` : shown;
    },
  };
}
