import path from 'node:path';
import type { SandboxEntry, SandboxSession } from '../../../sdk/index.js';
import { notAFile, notFound, tooLarge } from './host-workspace.js';
import type { WorkspaceEntry, WorkspaceFs } from './workspace-fs.js';
import { isInside, outside, relativeInside } from './workspace-path.js';

const MAX_LINK_HOPS = 8;

/**
 * The sandbox's workspace, seen from inside its container: every operation goes through the
 * Docker Engine API (archive upload/download, `docker exec`), never through host paths, so the
 * container's own view is the boundary. Symlinks are followed only while they stay under the
 * workspace mount.
 */
export class ContainerWorkspace implements WorkspaceFs {
  readonly root: string;
  readonly readOnly: boolean;

  constructor(private readonly session: SandboxSession) {
    this.root = session.workdir;
    // `ro`: the agent workspace is read-only at /agent and the write tools are off altogether.
    this.readOnly = session.workspaceAccess === 'ro';
  }

  relative(input: string): string {
    return relativeInside(this.root, input, path.posix);
  }

  async stat(input: string): Promise<WorkspaceEntry | undefined> {
    const rel = this.relative(input);
    const entry = await this.follow(input, rel);
    return entry && { path: rel, type: entry.type, size: entry.size };
  }

  async readFile(input: string, maxBytes: number): Promise<Buffer> {
    const rel = this.relative(input);
    const entry = await this.follow(input, rel);
    if (!entry) throw notFound(rel, this.root);
    if (entry.type !== 'file') throw notAFile(rel, entry.type === 'dir' ? 'a folder' : 'not a regular file');
    if (entry.size > maxBytes) throw tooLarge(rel, entry.size, maxBytes);
    return await this.session.readFile(entry.path, maxBytes);
  }

  async writeFiles(files: ReadonlyArray<{ path: string; content: Buffer }>): Promise<void> {
    const resolved: Array<{ path: string; content: Buffer }> = [];
    for (const f of files) {
      const rel = this.relative(f.path);
      if (rel === '.') throw notAFile(rel, 'the workspace root');
      const entry = await this.follow(f.path, rel);
      if (entry?.type === 'dir') throw notAFile(rel, 'a folder');
      resolved.push({ path: entry?.path ?? path.posix.join(this.root, rel), content: f.content });
    }
    await this.session.writeFiles(resolved);
  }

  async removeFiles(inputs: readonly string[]): Promise<void> {
    const targets: string[] = [];
    for (const input of inputs) {
      const rel = this.relative(input);
      const entry = await this.follow(input, rel);
      if (!entry) continue;
      if (entry.type !== 'file') throw notAFile(rel, 'not a regular file');
      targets.push(entry.path);
    }
    if (targets.length === 0) return;
    const proc = await this.session.exec({ argv: ['rm', '-f', '--', ...targets], cwd: this.root });
    const { exitCode } = await proc.exited;
    if (exitCode !== 0) throw new Error(`rm in the sandbox failed (exit ${exitCode})`);
  }

  async list(input: string, options: { maxDepth: number; limit: number }): Promise<WorkspaceEntry[]> {
    const rel = this.relative(input);
    const entry = await this.follow(input, rel);
    if (!entry) throw notFound(rel, this.root);
    if (entry.type !== 'dir') throw notAFile(rel, 'a file, not a folder', 'folder');
    const entries = await this.session.list(entry.path, options);
    return entries.map((e) => ({
      path: path.posix.join(rel, path.posix.relative(entry.path, e.path)),
      type: e.type,
      size: e.size,
    }));
  }

  /** The entry at a path with symlinks followed while they stay inside the workspace. */
  private async follow(input: string, rel: string): Promise<SandboxEntry | undefined> {
    let current = path.posix.join(this.root, rel);
    for (let hop = 0; hop <= MAX_LINK_HOPS; hop++) {
      const entry = await this.session.stat(current);
      if (entry?.type !== 'symlink') return entry && { ...entry, path: current };
      const target = path.posix.resolve(path.posix.dirname(current), entry.linkTarget ?? '');
      if (!isInside(this.root, target, path.posix)) throw outside(input, this.root, 'a symlink on the way leads out');
      current = target;
    }
    throw outside(input, this.root, `more than ${MAX_LINK_HOPS} symlinks in a row`);
  }
}
