import fs from 'node:fs';
import path from 'node:path';

export interface MediaRetention {
  maxAgeMs: number;
  maxTotalBytes: number;
}

/**
 * Bound the inbound media folder: files older than `maxAgeMs` go, then the oldest files until
 * the folder fits `maxTotalBytes`. Channels save attachments before the access policy runs (it
 * runs on the stored message), so without this a stranger could fill the disk with large files.
 * Returns how many files were removed.
 */
export function pruneMediaFolder(dir: string, retention: MediaRetention, now = Date.now()): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return 0;
  }
  const files: Array<{ file: string; size: number; mtimeMs: number }> = [];
  for (const name of names) {
    const file = path.join(dir, name);
    try {
      const st = fs.statSync(file);
      if (st.isFile()) files.push({ file, size: st.size, mtimeMs: st.mtimeMs });
    } catch {
      /* gone meanwhile */
    }
  }
  files.sort((a, b) => a.mtimeMs - b.mtimeMs);
  let total = files.reduce((n, f) => n + f.size, 0);
  let removed = 0;
  for (const f of files) {
    if (f.mtimeMs > now - retention.maxAgeMs && total <= retention.maxTotalBytes) break;
    fs.rmSync(f.file, { force: true });
    total -= f.size;
    removed++;
  }
  return removed;
}
