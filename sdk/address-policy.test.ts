import { describe, expect, it } from 'vitest';
import {
  addressPolicy,
  addressRangeProblem,
  checkedLookup,
  literalHostReason,
  nonPublicReason,
} from './address-policy.js';

const lookup = (check: (a: string) => string | undefined, host: string) =>
  new Promise<{ err: Error | null; address: string }>((resolve) =>
    checkedLookup(check, (h, why) => new Error(`${h}: it resolves to ${why}`))(host, {}, (err, address) =>
      resolve({ err, address: String(address) }),
    ),
  );

describe('nonPublicReason (the SSRF address policy)', () => {
  it('lets public unicast through and refuses every local kind, IPv4 and IPv6', () => {
    expect(nonPublicReason('8.8.8.8')).toBeUndefined();
    expect(nonPublicReason('2606:4700::1111')).toBeUndefined();
    for (const a of [
      '127.0.0.1',
      '10.0.0.1',
      '10.1.2.3',
      '192.168.1.1',
      '172.16.0.1',
      '169.254.169.254',
      '100.64.0.1',
      '0.0.0.0',
      '224.0.0.1',
      '::1',
      '::',
      'fe80::1',
      'fd00::1',
      '::ffff:127.0.0.1',
      '::ffff:192.168.1.1',
      '64:ff9b::7f00:1',
    ])
      expect(nonPublicReason(a), a).toMatch(/is a \w+ address/);
    expect(nonPublicReason('::ffff:127.0.0.1')).toMatch(/loopback/);
    expect(nonPublicReason('169.254.169.254')).toMatch(/linkLocal/);
    expect(nonPublicReason('example.com')).toBe('example.com is not an IP address');
  });

  it('judges literal hosts (bracketed IPv6 too) and leaves names to the lookup', () => {
    expect(literalHostReason('127.0.0.1')).toMatch(/loopback/);
    expect(literalHostReason('[::1]')).toMatch(/loopback/);
    expect(literalHostReason('8.8.8.8')).toBeUndefined();
    expect(literalHostReason('localhost')).toBeUndefined();
    expect(literalHostReason('127.0.0.1', () => undefined)).toBeUndefined();
  });

  it('the checked lookup refuses a name resolving to a refused address and connects to a checked one', async () => {
    const refused = await lookup(nonPublicReason, 'localhost');
    expect(refused.err?.message).toMatch(/^localhost: it resolves to .* loopback address/);
    const ok = await lookup(() => undefined, 'localhost');
    expect([ok.err, ok.address]).toEqual([null, expect.stringMatching(/127\.0\.0\.1|::1/)]);
  });
});

describe('addressPolicy (an allow-list of addresses and CIDR ranges)', () => {
  it('lets listed addresses and ranges through and judges the rest as usual', () => {
    const check = addressPolicy(['192.168.1.20', '10.8.0.0/16', 'fd00::/8']);
    expect(check('192.168.1.20')).toBeUndefined();
    expect(check('::ffff:192.168.1.20')).toBeUndefined();
    expect(check('10.8.200.1')).toBeUndefined();
    expect(check('fd12::1')).toBeUndefined();
    expect(check('192.168.1.21')).toMatch(/private/);
    expect(check('10.9.0.1')).toMatch(/private/);
    expect(check('127.0.0.1')).toMatch(/loopback/);
    expect(check('169.254.169.254')).toMatch(/linkLocal/);
    expect(check('8.8.8.8')).toBeUndefined();
    expect(addressPolicy([])).toBe(nonPublicReason);
  });

  it('names an entry that is not an address or range, with examples of valid ones', () => {
    expect(addressRangeProblem('10.0.0.0/8')).toBeUndefined();
    expect(addressRangeProblem('fd00::1')).toBeUndefined();
    expect(addressRangeProblem('999.1.1.1')).toBe(
      '"999.1.1.1" is not an IP address or CIDR range (e.g. "192.168.1.20", "10.0.0.0/8", "fd00::/8")',
    );
    expect(addressRangeProblem('10.0.0.0/40')).toMatch(/"10\.0\.0\.0\/40" is not/);
    expect(addressRangeProblem('nas.local')).toMatch(/"nas\.local" is not/);
    expect(() => addressPolicy(['8.8.8.8', '999.1.1.1'])).toThrow(/"999\.1\.1\.1" is not an IP address or CIDR range/);
  });
});
