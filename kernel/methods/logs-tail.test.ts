import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tailLogFile } from './logs-tail.js';

function tmpFile(text: string): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tail-')), 'gateway.log');
  fs.writeFileSync(f, text);
  return f;
}

describe('tailLogFile', () => {
  it('returns the last lines and a cursor; the cursor returns only what came later', () => {
    const f = tmpFile('one\ntwo\nthree\n');
    const a = tailLogFile(f, { limit: 10, maxBytes: 1 << 20 });
    expect(a.lines).toEqual(['one', 'two', 'three']);
    expect(a.cursor).toBe(14);
    fs.appendFileSync(f, 'four\nfi');
    const b = tailLogFile(f, { cursor: a.cursor, limit: 10, maxBytes: 1 << 20 });
    expect(b.lines).toEqual(['four']);
    // The unfinished "fi" stays for the next call.
    fs.appendFileSync(f, 've\n');
    expect(tailLogFile(f, { cursor: b.cursor, limit: 10, maxBytes: 1 << 20 }).lines).toEqual(['five']);
  });

  it('limit keeps the newest lines and marks truncation', () => {
    const f = tmpFile('1\n2\n3\n4\n');
    const r = tailLogFile(f, { limit: 2, maxBytes: 1 << 20 });
    expect(r.lines).toEqual(['3', '4']);
    expect(r.truncated).toBe(true);
  });

  it('maxBytes reads only the end, dropping the partial first line', () => {
    const f = tmpFile(`${'a'.repeat(100)}\nshort\n`);
    const r = tailLogFile(f, { limit: 10, maxBytes: 20 });
    expect(r.lines).toEqual(['short']);
  });

  it('a cursor past the end (rotated file) restarts at 0 with reset:true', () => {
    const f = tmpFile('new\n');
    const r = tailLogFile(f, { cursor: 10_000, limit: 10, maxBytes: 1 << 20 });
    expect(r.reset).toBe(true);
    expect(r.lines).toEqual(['new']);
  });

  it('a missing file gives no lines', () => {
    expect(tailLogFile('/nonexistent/gateway.log', { limit: 10, maxBytes: 100 })).toMatchObject({
      lines: [],
      cursor: 0,
    });
  });

  it('maxBytes bounds the JSON-encoded lines: escaping cannot blow the response past it', () => {
    const line = JSON.stringify({ msg: '\\'.repeat(100) + '"'.repeat(50) });
    const f = tmpFile(`${line}\n`.repeat(200));
    const r = tailLogFile(f, { limit: 5000, maxBytes: 10_000 });
    expect(JSON.stringify(r.lines).length).toBeLessThanOrEqual(10_000 + 2);
    expect(r.lines.length).toBeGreaterThan(0);
    expect(r.truncated).toBe(true);
    expect(r.lines.at(-1)).toBe(line);
  });
});
