import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { RotatingFile } from './rotating-file.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const line = `${JSON.stringify({ msg: 'x'.repeat(90) })}\n`;

function logDir(): { dir: string; file: string } {
  const dir = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'rotating-')), 'logs');
  return { dir, file: path.join(dir, 'gateway.log') };
}

function contents(dir: string): Record<string, string> {
  return Object.fromEntries(fs.readdirSync(dir).map((n) => [n, fs.readFileSync(path.join(dir, n), 'utf8')]));
}

describe('RotatingFile', () => {
  it('rotates by size: gateway.log → .1 → .2, keeping maxFiles generations (0600 files, 0700 dir)', async () => {
    const { dir, file } = logDir();
    const rf = new RotatingFile({ file, maxBytes: 1000, maxFiles: 2 });
    await rf.settle(); // open: rotation waits for the file to exist (a fixed sleep flaked under load)
    for (let i = 0; i < 60; i++) {
      rf.write(line);
      await sleep(2);
    }
    rf.end();
    await sleep(100);
    const files = contents(dir);
    expect(Object.keys(files).sort()).toEqual(['gateway.log', 'gateway.log.1', 'gateway.log.2']);
    for (const text of Object.values(files)) expect(text.length).toBeLessThanOrEqual(1000 + line.length);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('a burst of lines never loses the live gateway.log nor any line', async () => {
    const { dir, file } = logDir();
    const rf = new RotatingFile({ file, maxBytes: 1000, maxFiles: 5 });
    // The first burst lands before the file is even open, the second one right after.
    for (let i = 0; i < 60; i++) rf.write(line);
    await rf.settle();
    expect(fs.existsSync(file)).toBe(true);
    for (let i = 0; i < 60; i++) rf.write(line);
    await rf.settle();
    expect(fs.existsSync(file)).toBe(true);
    rf.write(line);
    await rf.settle();
    rf.end();
    await sleep(50);
    const files = contents(dir);
    expect(Object.keys(files)).toContain('gateway.log');
    expect(Object.keys(files).length).toBeGreaterThan(1);
    const all = Object.values(files).join('');
    expect(all.split('\n').filter(Boolean)).toHaveLength(121);
    for (const l of all.split('\n').filter(Boolean)) expect(() => JSON.parse(l)).not.toThrow();
  });
});
