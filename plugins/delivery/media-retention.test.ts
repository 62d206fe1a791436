import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { pruneMediaFolder } from './media-retention.js';

describe('pruneMediaFolder', () => {
  it('removes files past their age, then the oldest until the folder fits', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'media-prune-'));
    const now = Date.now();
    const make = (name: string, size: number, ageMs: number) => {
      const f = path.join(dir, name);
      fs.writeFileSync(f, Buffer.alloc(size));
      fs.utimesSync(f, (now - ageMs) / 1000, (now - ageMs) / 1000);
    };
    make('ancient', 10, 10 * 86_400_000);
    make('old', 400, 3_000);
    make('mid', 400, 2_000);
    make('new', 400, 1_000);
    expect(pruneMediaFolder(dir, { maxAgeMs: 7 * 86_400_000, maxTotalBytes: 900 }, now)).toBe(2);
    expect(fs.readdirSync(dir).sort()).toEqual(['mid', 'new']);
    expect(pruneMediaFolder(path.join(dir, 'missing'), { maxAgeMs: 1, maxTotalBytes: 1 }, now)).toBe(0);
  });
});
