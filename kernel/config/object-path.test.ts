import { describe, expect, it } from 'vitest';
import { diffPaths, getPath, isUnder, mergePatch, setPath, splitPath, unsetPath } from './object-path.js';

describe('object paths', () => {
  it('splitPath refuses empty segments and prototype keys', () => {
    expect(splitPath('gateway.auth.token')).toEqual(['gateway', 'auth', 'token']);
    expect(splitPath('')).toEqual([]);
    expect(() => splitPath('a..b')).toThrow(/empty segment/);
    for (const p of ['__proto__.x', 'a.constructor', 'a.prototype']) expect(() => splitPath(p)).toThrow(/not allowed/);
  });

  it('getPath / setPath / unsetPath never mutate their input', () => {
    const root = { gateway: { port: 1 } };
    const next = setPath(root, 'gateway.auth.token', 't');
    expect(root).toEqual({ gateway: { port: 1 } });
    expect(getPath(next, 'gateway.auth.token')).toBe('t');
    expect(getPath(next, 'gateway.port.nope')).toBeUndefined();
    expect(() => setPath(root, 'gateway.port.x', 1)).toThrow(/not an object/);
    const removed = unsetPath(next, 'gateway.auth.token');
    expect(getPath(removed, 'gateway.auth')).toEqual({});
    expect(getPath(next, 'gateway.auth.token')).toBe('t');
  });

  it('mergePatch follows RFC 7396 and ignores __proto__', () => {
    const target = { a: { b: 1, c: 2 }, d: [1, 2], e: 'x' };
    const patch = JSON.parse('{"a":{"b":null,"f":3},"d":[3],"e":null,"__proto__":{"polluted":true}}');
    expect(mergePatch(target, patch)).toEqual({ a: { c: 2, f: 3 }, d: [3] });
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
    expect(target).toEqual({ a: { b: 1, c: 2 }, d: [1, 2], e: 'x' });
  });

  it('diffPaths lists changed leaves; arrays compare whole', () => {
    expect(diffPaths({ a: { b: 1, c: [1] }, x: 1 }, { a: { b: 2, c: [1, 2] }, y: 1 }).sort()).toEqual([
      'a.b',
      'a.c',
      'x',
      'y',
    ]);
    expect(diffPaths({ a: 1 }, { a: 1 })).toEqual([]);
  });

  it('isUnder matches a path, its children and its parents', () => {
    expect(isUnder('gateway.auth.token', 'gateway.auth')).toBe(true);
    expect(isUnder('gateway.auth', 'gateway.auth')).toBe(true);
    expect(isUnder('gateway', 'gateway.auth')).toBe(true);
    expect(isUnder('gateway.authx', 'gateway.auth')).toBe(false);
  });
});
