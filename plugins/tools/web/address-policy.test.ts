import { describe, expect, it } from 'vitest';
import { blockedReason, checkLiteralHost, guardedLookup } from './address-policy.js';

describe('blockedReason', () => {
  it('lets public unicast through and blocks every local kind', () => {
    expect(blockedReason('8.8.8.8')).toBeUndefined();
    expect(blockedReason('2606:4700::1111')).toBeUndefined();
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '192.168.1.1',
      '172.16.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '64:ff9b::7f00:1',
      '224.0.0.1',
    ])
      expect(blockedReason(a), a).toBeDefined();
  });
  it('checks literal hosts unless private addresses are allowed', () => {
    expect(() => checkLiteralHost('127.0.0.1', false)).toThrow(/loopback.*allowPrivate/);
    expect(() => checkLiteralHost('[::1]', false)).toThrow(/loopback/);
    expect(() => checkLiteralHost('127.0.0.1', true)).not.toThrow();
    expect(() => checkLiteralHost('example.com', false)).not.toThrow();
  });
  it('the guarded lookup refuses names that resolve to loopback', async () => {
    const err = await new Promise<Error | null>((resolve) => guardedLookup(false)('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toMatch(/resolves to .* loopback address/);
    const ok = await new Promise<string>((resolve) => guardedLookup(true)('localhost', {}, (_e, a) => resolve(a)));
    expect(ok).toMatch(/127\.0\.0\.1|::1/);
  });
});
