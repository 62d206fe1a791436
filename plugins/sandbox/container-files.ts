import path from 'node:path';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import type { SandboxEntry } from '../../sdk/index.js';
import { startContainerCommand } from './container-exec.js';
import { sandboxError } from './errors.js';

// Go's os.FileMode type bits, as `X-Docker-Container-Path-Stat` reports them.
const MODE_DIR = 2 ** 31;
const MODE_SYMLINK = 2 ** 27;
const MODE_TYPE = MODE_DIR | MODE_SYMLINK | (2 ** 26) | (2 ** 25) | (2 ** 24) | (2 ** 23) | (2 ** 21);

/**
 * Files inside a container through the Engine API's archive endpoints (`HEAD|GET|PUT
 * /containers/{id}/archive`), which resolve paths in the container's own view (its mounts
 * included); listings run `find` + `stat` in the container.
 */
export class ContainerFiles {
  constructor(
    private readonly container: Docker.Container,
    private readonly workdir: string,
    private readonly owner: { uid: number; gid: number } | undefined,
  ) {}

  async stat(p: string): Promise<SandboxEntry | undefined> {
    let res: { headers?: Record<string, string>; resume?: () => void };
    try {
      res = (await this.container.infoArchive({ path: p })) as typeof res;
    } catch (err) {
      if ((err as { statusCode?: number }).statusCode === 404) return undefined;
      throw failed(`stat ${p}`, err);
    }
    res.resume?.();
    const header = res.headers?.['x-docker-container-path-stat'];
    if (!header) throw failed(`stat ${p}`, new Error('the daemon sent no path stat'));
    const st = JSON.parse(Buffer.from(header, 'base64').toString('utf8')) as {
      size: number;
      mode: number;
      linkTarget?: string;
    };
    const type =
      st.mode & MODE_SYMLINK ? 'symlink' : st.mode >= MODE_DIR ? 'dir' : (st.mode & MODE_TYPE) === 0 ? 'file' : 'other';
    return { path: p, type, size: st.size, ...(st.linkTarget ? { linkTarget: st.linkTarget } : {}) };
  }

  async readFile(p: string, maxBytes: number): Promise<Buffer> {
    let archive: Readable;
    try {
      archive = (await this.container.getArchive({ path: p })) as unknown as Readable;
    } catch (err) {
      throw failed(`read ${p}`, err);
    }
    const { default: tar } = await import('tar-stream');
    return await new Promise<Buffer>((resolve, reject) => {
      const extract = tar.extract();
      let content: Buffer | undefined;
      extract.on('entry', (header, stream, next) => {
        if (content !== undefined || header.type !== 'file') {
          stream.resume();
          stream.on('end', next);
          return;
        }
        if ((header.size ?? 0) > maxBytes) {
          extract.destroy(failed(`read ${p}`, new Error(`over ${maxBytes} bytes`)));
          archive.destroy();
          return;
        }
        const chunks: Buffer[] = [];
        stream.on('data', (c: unknown) => chunks.push(c as Buffer));
        stream.on('end', () => {
          content = Buffer.concat(chunks);
          next();
        });
      });
      extract.on('finish', () =>
        content ? resolve(content) : reject(failed(`read ${p}`, new Error('not a regular file'))),
      );
      extract.on('error', reject);
      archive.on('error', reject);
      archive.pipe(extract);
    });
  }

  /** One archive upload for all files (extracted under the workdir mount, parents created). */
  async writeFiles(files: ReadonlyArray<{ path: string; content: Buffer }>): Promise<void> {
    const { default: tar } = await import('tar-stream');
    const pack = tar.pack();
    const now = new Date();
    for (const f of files) {
      const rel = path.posix.relative(this.workdir, f.path);
      if (rel.startsWith('..') || path.posix.isAbsolute(rel))
        throw failed(`write ${f.path}`, new Error(`outside ${this.workdir}`));
      pack.entry(
        {
          name: rel,
          mode: 0o644,
          mtime: now,
          ...(this.owner ? { uid: this.owner.uid, gid: this.owner.gid } : {}),
        },
        f.content,
      );
    }
    pack.finalize();
    try {
      await this.container.putArchive(pack as unknown as NodeJS.ReadableStream, {
        path: this.workdir,
        noOverwriteDirNonDir: true,
        ...(this.owner ? { copyUIDGID: true } : {}),
      });
    } catch (err) {
      throw failed('write files', err);
    }
  }

  async list(dir: string, options: { maxDepth: number; limit: number }): Promise<SandboxEntry[]> {
    const proc = await startContainerCommand(this.container, {
      argv: [
        'find',
        dir,
        '-mindepth',
        '1',
        '-maxdepth',
        String(options.maxDepth),
        '-exec',
        'stat',
        '-c',
        '%F|%s|%n',
        '{}',
        '+',
      ],
      cwd: this.workdir,
      env: {},
    });
    const chunks: Buffer[] = [];
    let size = 0;
    proc.onOutput((c, s) => {
      if (s !== 'stdout' || size > 8 * 1024 * 1024) return;
      chunks.push(c);
      size += c.length;
    });
    await proc.exited;
    const entries: SandboxEntry[] = [];
    for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
      const m = /^([^|]+)\|(\d+)\|(.+)$/.exec(line);
      if (!m) continue;
      const kind = m[1]!;
      const type = kind.includes('directory')
        ? 'dir'
        : kind.includes('symbolic')
          ? 'symlink'
          : kind.includes('regular')
            ? 'file'
            : 'other';
      entries.push({ path: m[3]!, type, size: type === 'file' ? Number(m[2]) : 0 });
    }
    entries.sort((a, b) => a.path.localeCompare(b.path));
    return entries.slice(0, options.limit);
  }
}

function failed(what: string, err: unknown) {
  return sandboxError('GW_ERR_SANDBOX_FILE_FAILED', `sandbox ${what} failed: ${(err as Error).message}`, {
    cause: err,
  });
}
