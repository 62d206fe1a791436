import { describe, expect, it } from 'vitest';
import { checkLiteralHost, guardedLookup, webFetchAddressCheck } from './address-guard.js';

// The policy itself (which addresses, the allow-list) is tested in sdk/address-policy.test.ts.
describe("web_fetch's address guard", () => {
  it('checks literal hosts unless private addresses are allowed', () => {
    expect(() => checkLiteralHost('127.0.0.1', false)).toThrow(/loopback.*allowPrivate/);
    expect(() => checkLiteralHost('[::1]', false)).toThrow(/loopback/);
    expect(() => checkLiteralHost('127.0.0.1', true)).not.toThrow();
    expect(() => checkLiteralHost('example.com', false)).not.toThrow();
  });
  it('the guarded lookup refuses names that resolve to loopback', async () => {
    const err = await new Promise<Error | null>((resolve) => guardedLookup(false)('localhost', {}, (e) => resolve(e)));
    expect(err?.message).toMatch(/web_fetch refused localhost: it resolves to .* loopback address/);
    expect((err as { code?: string }).code).toBe('GW_ERR_TOOLS_WEB_BLOCKED');
    const ok = await new Promise<string>((resolve) => guardedLookup(true)('localhost', {}, (_e, a) => resolve(a)));
    expect(ok).toMatch(/127\.0\.0\.1|::1/);
  });
  it('allowAddresses: listed addresses pass; an entry that is not an address is named with its key', () => {
    const check = webFetchAddressCheck(['192.168.1.20', '10.8.0.0/16']);
    expect(check('192.168.1.20')).toBeUndefined();
    expect(check('192.168.1.21')).toMatch(/private/);
    expect(() => webFetchAddressCheck(['999.1.1.1'])).toThrow(
      /tools\.web\.fetch\.allowAddresses: "999\.1\.1\.1" is not an IP address or CIDR range/,
    );
    expect(() => webFetchAddressCheck(['10.0.0.0/40'])).toThrow(/allowAddresses/);
  });
});
