import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import JSON5 from 'json5';
import { kernelError } from '../errors.js';

export type RawConfig = Record<string, unknown>;

export interface ConfigSnapshot {
  path: string;
  exists: boolean;
  /** File text as read ('' when missing). */
  raw: string;
  /** sha256 of `raw`; a write with a stale base hash is refused. */
  hash: string;
  config: RawConfig;
}

export function hashText(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/**
 * Parse JSON5 text; the error names the line and column. An empty or whitespace-only text is
 * refused, not read as `{}`: an editor that truncated the file before writing it, or a botched
 * copy, must not become a config without the generated token (every client would be locked out).
 */
export function parseConfigText(text: string, file: string): RawConfig {
  if (text.trim() === '') {
    throw kernelError(
      'GW_ERR_CONFIG_PARSE',
      `${file} is empty: write the config into it ({} is the empty config), or delete the file`,
      { details: { file } },
    );
  }
  let value: unknown;
  try {
    value = JSON5.parse(text);
  } catch (err) {
    const e = err as { lineNumber?: number; columnNumber?: number; message: string };
    const where = e.lineNumber ? `:${e.lineNumber}:${e.columnNumber ?? 0}` : '';
    throw kernelError(
      'GW_ERR_CONFIG_PARSE',
      `${file}${where}: not valid JSON5 (${e.message.replace(/^JSON5: /, '')})`,
      {
        details: { file, line: e.lineNumber, column: e.columnNumber },
        cause: err,
      },
    );
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw kernelError('GW_ERR_CONFIG_PARSE', `${file}: the config must be a JSON5 object ({ … })`, {
      details: { file },
    });
  }
  return value as RawConfig;
}

export function readConfigFile(file: string): ConfigSnapshot {
  let raw = '';
  let exists = true;
  try {
    raw = fs.readFileSync(file, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw err;
    exists = false;
  }
  return { path: file, exists, raw, hash: hashText(raw), config: exists ? parseConfigText(raw, file) : {} };
}

/** `.<name>.<pid>.<hex>.tmp`: what writeFileAtomic leaves behind when killed mid-write. */
const TEMP_NAME = /^\.(.+)\.(\d+)\.[0-9a-f]{8}\.tmp$/;

/**
 * Remove the temp files of interrupted atomic writes of `file` (they hold a whole config,
 * secrets included). A temp file of a process that is still running (a CLI writing right now)
 * is left alone; our own pid's are leftovers of an earlier start in this process.
 */
export function removeOrphanTempFiles(file: string): string[] {
  const dir = path.dirname(file);
  const removed: string[] = [];
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return removed;
  }
  for (const name of names) {
    const m = TEMP_NAME.exec(name);
    if (!m || m[1] !== path.basename(file)) continue;
    const pid = Number(m[2]);
    if (pid !== process.pid && processAlive(pid)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Atomic write: temp file in the same folder (mode 0600), fsync, rename over the target.
 * A reader never sees a half-written file; a crash leaves the old or the new one.
 */
export function writeFileAtomic(file: string, text: string, mode = 0o600): void {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${crypto.randomBytes(4).toString('hex')}.tmp`);
  try {
    const fd = fs.openSync(tmp, 'w', mode);
    try {
      fs.writeSync(fd, text);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw kernelError('GW_ERR_CONFIG_WRITE', `could not write ${file}: ${(err as Error).message}`, { cause: err });
  }
}

export function serializeConfig(config: RawConfig): string {
  return `${JSON.stringify(config, null, 2)}\n`;
}
