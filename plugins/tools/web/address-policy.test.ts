import { describe, expect, it } from 'vitest';
import { blockedReason, blockedReasonExcept, checkLiteralHost, guardedLookup } from './address-policy.js';

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

describe('blockedReasonExcept (tools.web.fetch.allowAddresses)', () => {
  it('lets listed addresses and ranges through and judges the rest as usual', () => {
    const blocked = blockedReasonExcept(['192.168.1.20', '10.8.0.0/16', 'fd00::/8']);
    expect(blocked('192.168.1.20')).toBeUndefined();
    expect(blocked('::ffff:192.168.1.20')).toBeUndefined();
    expect(blocked('10.8.200.1')).toBeUndefined();
    expect(blocked('fd12::1')).toBeUndefined();
    expect(blocked('192.168.1.21')).toMatch(/private/);
    expect(blocked('10.9.0.1')).toMatch(/private/);
    expect(blocked('127.0.0.1')).toMatch(/loopback/);
    expect(blocked('169.254.169.254')).toMatch(/linkLocal/);
    expect(blocked('8.8.8.8')).toBeUndefined();
  });
  it('names an entry that is not an address or range', () => {
    expect(() => blockedReasonExcept(['999.1.1.1'])).toThrow(/"999\.1\.1\.1" is not an IP address or CIDR range/);
    expect(() => blockedReasonExcept(['10.0.0.0/40'])).toThrow(/allowAddresses/);
  });
});
