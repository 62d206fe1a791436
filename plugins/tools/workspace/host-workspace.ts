import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { toolsError } from '../errors.js';
import type { WorkspaceEntry, WorkspaceFs } from './workspace-fs.js';
import { isInside, outside, relativeInside } from './workspace-path.js';

/**
 * The agent workspace on the host. Every path is resolved lexically inside the root, then its
 * real path (symlinks resolved) must still be inside the root's real path: a symlink that leads
 * out is refused, one that stays inside is followed.
 */
export class HostWorkspace implements WorkspaceFs {
  readonly readOnly = false;

  constructor(readonly root: string) {}

  relative(input: string): string {
    return relativeInside(this.root, input);
  }

  async stat(input: string): Promise<WorkspaceEntry | undefined> {
    const { rel, real } = await this.locate(input);
    if (real === undefined) return undefined;
    const st = await fs.promises.stat(real);
    return { path: rel, type: st.isFile() ? 'file' : st.isDirectory() ? 'dir' : 'other', size: st.size };
  }

  async readFile(input: string, maxBytes: number): Promise<Buffer> {
    const { rel, real } = await this.locate(input);
    if (real === undefined) throw notFound(rel, this.root);
    const handle = await fs.promises.open(real, fs.constants.O_RDONLY | fs.constants.O_NOFOLLOW);
    try {
      const st = await handle.stat();
      if (!st.isFile()) throw notAFile(rel, st.isDirectory() ? 'a folder' : 'not a regular file');
      if (st.size > maxBytes) throw tooLarge(rel, st.size, maxBytes);
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  }

  async writeFiles(files: ReadonlyArray<{ path: string; content: Buffer }>): Promise<void> {
    // Resolve every target first (nothing written when one is refused), then write each through
    // a temp file + rename so a reader never sees half a file.
    const targets: string[] = [];
    for (const f of files) {
      const { rel, real, parentReal, name } = await this.locate(f.path);
      if (rel === '.') throw notAFile(rel, 'the workspace root');
      if (real !== undefined && (await fs.promises.stat(real)).isDirectory()) throw notAFile(rel, 'a folder');
      targets.push(real ?? path.join(parentReal, name));
    }
    const written: Array<{ tmp: string; target: string }> = [];
    try {
      for (const [i, f] of files.entries()) {
        const target = targets[i]!;
        await fs.promises.mkdir(path.dirname(target), { recursive: true });
        const tmp = `${target}.moltbot-${crypto.randomBytes(4).toString('hex')}.tmp`;
        const mode = await fs.promises.stat(target).then(
          (s) => s.mode & 0o777,
          () => 0o644,
        );
        await fs.promises.writeFile(tmp, f.content, { mode, flag: 'wx' });
        written.push({ tmp, target });
      }
      for (const w of written) await fs.promises.rename(w.tmp, w.target);
    } catch (err) {
      for (const w of written) await fs.promises.rm(w.tmp, { force: true });
      throw err;
    }
  }

  async removeFiles(inputs: readonly string[]): Promise<void> {
    for (const input of inputs) {
      const { rel, real } = await this.locate(input);
      if (real === undefined) continue;
      if (!(await fs.promises.stat(real)).isFile()) throw notAFile(rel, 'not a regular file');
      await fs.promises.rm(real);
    }
  }

  async list(input: string, options: { maxDepth: number; limit: number }): Promise<WorkspaceEntry[]> {
    const { rel, real } = await this.locate(input);
    if (real === undefined) throw notFound(rel, this.root);
    if (!(await fs.promises.stat(real)).isDirectory()) throw notAFile(rel, 'a file, not a folder', 'folder');
    const out: WorkspaceEntry[] = [];
    const walk = async (dir: string, relDir: string, depth: number): Promise<void> => {
      const entries = await fs.promises.readdir(dir, { withFileTypes: true });
      entries.sort((a, b) => a.name.localeCompare(b.name));
      for (const e of entries) {
        if (out.length >= options.limit) return;
        const childRel = relDir === '.' ? e.name : `${relDir}/${e.name}`;
        const full = path.join(dir, e.name);
        const type = e.isFile() ? 'file' : e.isDirectory() ? 'dir' : e.isSymbolicLink() ? 'symlink' : 'other';
        const size = type === 'file' ? (await fs.promises.lstat(full)).size : 0;
        out.push({ path: childRel, type, size });
        if (type === 'dir' && depth < options.maxDepth) await walk(full, childRel, depth + 1);
      }
    };
    await walk(real, rel, 1);
    return out;
  }

  /**
   * The path relative to the root, its real path when something is there, else the real path of
   * the folder it would be created in (the deepest existing ancestor, re-checked inside the root).
   */
  private async locate(input: string): Promise<{ rel: string; real?: string; parentReal: string; name: string }> {
    const rel = this.relative(input);
    const realRoot = await fs.promises.realpath(this.root).catch(() => {
      throw toolsError('GW_ERR_TOOLS_PATH_NOT_FOUND', `the workspace ${this.root} does not exist; create it first`);
    });
    const lexical = path.join(this.root, rel);
    const checked = (real: string) => {
      if (!isInside(realRoot, real)) throw outside(input, this.root, 'a symlink on the way leads out');
      return real;
    };
    try {
      const real = checked(await fs.promises.realpath(lexical));
      return { rel, real, parentReal: path.dirname(real), name: path.basename(real) };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    }
    // Nothing there (or a dangling symlink): find the deepest existing ancestor.
    if ((await fs.promises.lstat(lexical).catch(() => undefined))?.isSymbolicLink())
      throw outside(input, this.root, 'it is a symlink to nothing inside the workspace');
    const missing = [path.basename(lexical)];
    let ancestor = path.dirname(lexical);
    for (;;) {
      try {
        const real = checked(await fs.promises.realpath(ancestor));
        const target = path.join(real, ...missing.reverse());
        return { rel, parentReal: path.dirname(target), name: path.basename(target) };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
        missing.push(path.basename(ancestor));
        ancestor = path.dirname(ancestor);
      }
    }
  }
}

export function notFound(rel: string, root: string) {
  return toolsError(
    'GW_ERR_TOOLS_PATH_NOT_FOUND',
    `no such file or folder: ${rel} (paths are relative to the workspace ${root}; list shows what is there)`,
    { details: { path: rel } },
  );
}

export function notAFile(rel: string, what: string, wanted = 'file') {
  return toolsError('GW_ERR_TOOLS_PATH_KIND', `${rel} is ${what}; this tool needs a ${wanted}`, {
    details: { path: rel },
  });
}

export function tooLarge(rel: string, size: number, maxBytes: number) {
  return toolsError(
    'GW_ERR_TOOLS_FILE_TOO_LARGE',
    `${rel} is ${size} bytes, over the ${maxBytes}-byte limit (tools.fs.maxReadBytes / tools.fs.maxWriteBytes); ` +
      'read a part of it with exec (head, tail, sed -n) or raise the limit',
    { details: { path: rel, size, maxBytes } },
  );
}
