import Type from 'typebox';
import { describe, expect, it } from 'vitest';
import { MethodRegistry } from './method-registry.js';

const def = (scope: 'operator.read' | 'operator.admin' = 'operator.read') => ({
  scope,
  params: Type.Object({ n: Type.Integer() }),
  handler: () => 'ok',
});

describe('MethodRegistry', () => {
  it('registers with a compiled params schema and lists names sorted', () => {
    const r = new MethodRegistry();
    r.register('kernel', 'status', def());
    r.register('kernel', 'config.get', def());
    expect(r.names()).toEqual(['config.get', 'status']);
    const e = r.get('status')!;
    expect(e.owner).toBe('kernel');
    expect(e.params.check({ n: 1 })).toBe(true);
    expect(e.params.check({ n: 'x' })).toBe(false);
    expect(e.idempotent).toBe(false);
  });

  it('refuses duplicates, invalid names and "connect" with GW_ERR_METHOD_DUPLICATE', () => {
    const r = new MethodRegistry();
    r.register('kernel', 'health', def());
    for (const name of ['health', 'Bad.Name', 'no spaces', 'connect', '.x']) {
      expect(() => r.register('kernel', name, def()), name).toThrow(
        expect.objectContaining({ code: 'GW_ERR_METHOD_DUPLICATE' }),
      );
    }
  });

  it("replaceOwner swaps one owner's methods atomically and refuses names another owner holds", () => {
    const r = new MethodRegistry();
    r.register('kernel', 'health', def());
    r.replaceOwner('echo', [
      MethodRegistry.entry('echo', 'echo.ping', def()),
      MethodRegistry.entry('echo', 'echo.old', def()),
    ]);
    r.replaceOwner('echo', [MethodRegistry.entry('echo', 'echo.ping', def('operator.admin'))]);
    expect(r.byOwner('echo').map((m) => m.name)).toEqual(['echo.ping']);
    expect(r.get('echo.ping')!.scope).toBe('operator.admin');
    expect(() => r.replaceOwner('echo', [MethodRegistry.entry('echo', 'health', def())])).toThrow(/already registered/);
    // The refused swap changed nothing.
    expect(r.byOwner('echo').map((m) => m.name)).toEqual(['echo.ping']);
    expect(r.get('health')!.owner).toBe('kernel');
  });
});
