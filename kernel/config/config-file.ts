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

/** Parse JSON5 text; the error names the line and column. */
export function parseConfigText(text: string, file: string): RawConfig {
  if (text.trim() === '') return {};
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
  return { path: file, exists, raw, hash: hashText(raw), config: parseConfigText(raw, file) };
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
