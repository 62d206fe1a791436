import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isInside, relativeInside } from './workspace-path.js';

describe('relativeInside', () => {
  const root = '/home/u/clawd';
  it('keeps relative paths and absolute paths inside the root', () => {
    expect(relativeInside(root, 'notes/a.md', path.posix)).toBe('notes/a.md');
    expect(relativeInside(root, './notes/../b.md', path.posix)).toBe('b.md');
    expect(relativeInside(root, '/home/u/clawd/x/y', path.posix)).toBe('x/y');
    expect(relativeInside(root, '', path.posix)).toBe('.');
    expect(relativeInside('/workspace', '/workspace', path.posix)).toBe('.');
  });
  it('refuses climbing out, absolute paths elsewhere, ~ and NUL', () => {
    expect(() => relativeInside(root, '../secret', path.posix)).toThrow(/outside the workspace.*climbs out/);
    expect(() => relativeInside(root, 'a/../../..', path.posix)).toThrow(/GW_ERR|outside/);
    expect(() => relativeInside(root, '/etc/passwd', path.posix)).toThrow(/absolute paths must lie inside/);
    expect(() => relativeInside(root, '/home/u/clawd-other/x', path.posix)).toThrow(/outside/);
    expect(() => relativeInside(root, '~/.ssh/id_rsa', path.posix)).toThrow(/"~" is not expanded/);
    expect(() => relativeInside(root, 'a\0b', path.posix)).toThrow(/NUL/);
  });
  it('isInside compares whole path segments', () => {
    expect(isInside('/a/b', '/a/b/c', path.posix)).toBe(true);
    expect(isInside('/a/b', '/a/b', path.posix)).toBe(true);
    expect(isInside('/a/b', '/a/bc', path.posix)).toBe(false);
    expect(isInside('/a/b', '/a', path.posix)).toBe(false);
  });
});
