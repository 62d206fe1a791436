import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { canvasPathProblem, staysInsideRoot } from './path-safety.js';

describe('canvasPathProblem', () => {
  it.each([
    '../secret.txt',
    'a/../../secret.txt',
    '%2e%2e/secret.txt',
    '%2E%2E%2Fsecret.txt',
    '%252e%252e/secret.txt',
    '%25252e%25252e%25252fsecret.txt',
    '..%5c..%5csecret.txt',
    '..\\secret.txt',
    'index.html%00.png',
    '/etc/passwd',
    '%2fetc%2fpasswd',
    'C:/Windows/win.ini',
    '.env',
    'sub/.git/config',
    '%2egit/config',
    'bad%zz',
  ])('refuses %s', (p) => {
    expect(canvasPathProblem(p)).toBeTypeOf('string');
  });

  it.each(['', 'index.html', 'sub/page.html', 'a%20b.html', 'img/logo.v2.png'])('allows %s', (p) => {
    expect(canvasPathProblem(p)).toBeUndefined();
  });
});

describe('staysInsideRoot', () => {
  it('follows symlinks: inside is fine, outside is not, missing is a plain miss', () => {
    const base = fs.mkdtempSync(path.join(os.tmpdir(), 'canvas-root-'));
    const root = path.join(base, 'root');
    fs.mkdirSync(path.join(root, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(base, 'outside.txt'), 'secret');
    fs.writeFileSync(path.join(root, 'sub', 'in.txt'), 'ok');
    fs.symlinkSync(path.join(base, 'outside.txt'), path.join(root, 'link-out.txt'));
    fs.symlinkSync(base, path.join(root, 'dir-out'));
    fs.symlinkSync(path.join(root, 'sub', 'in.txt'), path.join(root, 'link-in.txt'));
    const real = fs.realpathSync(root);
    expect(staysInsideRoot(real, 'sub/in.txt')).toBe(true);
    expect(staysInsideRoot(real, 'link-in.txt')).toBe(true);
    expect(staysInsideRoot(real, 'missing.html')).toBe(true);
    expect(staysInsideRoot(real, 'link-out.txt')).toBe(false);
    expect(staysInsideRoot(real, 'dir-out/outside.txt')).toBe(false);
    fs.rmSync(base, { recursive: true, force: true });
  });
});
