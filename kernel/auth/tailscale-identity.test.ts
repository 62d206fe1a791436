import { describe, expect, it } from 'vitest';
import { tailscaleClaim } from './tailscale-identity.js';

const headers = {
  'tailscale-user-login': 'alice@example.com',
  'tailscale-user-name': 'Alice',
  'x-forwarded-for': '100.64.0.7, 127.0.0.1',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'gw.tailnet.ts.net',
};

describe('tailscaleClaim', () => {
  it('reads Serve identity headers from a loopback peer when allowed', () => {
    expect(tailscaleClaim(headers, '127.0.0.1', true)).toEqual({
      login: 'alice@example.com',
      name: 'Alice',
      address: '100.64.0.7',
    });
    expect(tailscaleClaim(headers, '::ffff:127.0.0.1', true)).toBeDefined();
    expect(tailscaleClaim(headers, '::1', true)).toBeDefined();
  });

  it('ignores them from a non-loopback peer, or when the option is off', () => {
    expect(tailscaleClaim(headers, '100.64.0.7', true)).toBeUndefined();
    expect(tailscaleClaim(headers, '192.168.1.5', true)).toBeUndefined();
    expect(tailscaleClaim(headers, '127.0.0.1', false)).toBeUndefined();
  });

  it('needs the forwarding headers Serve adds', () => {
    const { 'x-forwarded-host': _h, ...partial } = headers;
    expect(tailscaleClaim(partial, '127.0.0.1', true)).toBeUndefined();
    expect(tailscaleClaim({ ...headers, 'tailscale-user-login': '  ' }, '127.0.0.1', true)).toBeUndefined();
  });
});
