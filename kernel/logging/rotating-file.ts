import fs from 'node:fs';
import path from 'node:path';
import pino from 'pino';

export interface RotatingFileOptions {
  file: string;
  /** Rotate when the file grows past this many bytes (default 10 MiB). */
  maxBytes: number;
  /** Keep this many rotated files: gateway.log.1 … gateway.log.N (default 5). */
  maxFiles: number;
}

/**
 * A pino destination (SonicBoom) that rotates by size: gateway.log → gateway.log.1 → … and
 * reopens. `moltbot logs --follow` notices the inode change and follows the new file.
 */
export class RotatingFile {
  private readonly dest: ReturnType<typeof pino.destination>;
  private bytes: number;
  /**
   * True until the destination has (re)opened its file. Rotating then would rename a file the
   * pending open has not created yet: a burst of lines would pile into one renamed file and the
   * live gateway.log would go missing. Lines written meanwhile are buffered and land in the new file.
   */
  private opening = true;

  constructor(private readonly options: RotatingFileOptions) {
    fs.mkdirSync(path.dirname(options.file), { recursive: true, mode: 0o700 });
    this.bytes = fileSize(options.file);
    this.dest = pino.destination({ dest: options.file, sync: false, mkdir: true, minLength: 0 });
    this.dest.on('ready', () => {
      this.opening = false;
      chmodQuiet(options.file);
    });
  }

  write(chunk: string): boolean {
    this.dest.write(chunk);
    this.bytes += Buffer.byteLength(chunk);
    if (this.bytes >= this.options.maxBytes && !this.opening) this.rotate();
    return true;
  }

  /** Resolves once the file is open (then flushed). */
  settle(): Promise<void> {
    if (!this.opening) {
      this.flushSync();
      return Promise.resolve();
    }
    return new Promise((resolve) =>
      this.dest.once('ready', () => {
        this.flushSync();
        resolve();
      }),
    );
  }

  flushSync(): void {
    try {
      this.dest.flushSync();
    } catch {
      /* not ready yet: nothing buffered that matters */
    }
  }

  end(): void {
    this.flushSync();
    this.dest.end();
  }

  private rotate(): void {
    this.flushSync();
    const { file, maxFiles } = this.options;
    for (let i = maxFiles - 1; i >= 1; i--) renameQuiet(`${file}.${i}`, `${file}.${i + 1}`);
    renameQuiet(file, `${file}.1`);
    fs.rmSync(`${file}.${maxFiles + 1}`, { force: true });
    this.opening = true;
    this.dest.reopen();
    this.bytes = 0;
  }
}

function fileSize(file: string): number {
  try {
    return fs.statSync(file).size;
  } catch {
    return 0;
  }
}

function renameQuiet(from: string, to: string): void {
  try {
    fs.renameSync(from, to);
  } catch {
    /* missing generation: fine */
  }
}

function chmodQuiet(file: string): void {
  try {
    fs.chmodSync(file, 0o600);
  } catch {
    /* best effort */
  }
}
