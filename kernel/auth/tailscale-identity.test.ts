import { describe, expect, it } from 'vitest';
import { tailscaleIdentity } from './tailscale-identity.js';

const headers = {
  'tailscale-user-login': 'alice@example.com',
  'tailscale-user-name': 'Alice',
  'x-forwarded-for': '100.64.0.7',
  'x-forwarded-proto': 'https',
  'x-forwarded-host': 'gw.tailnet.ts.net',
};

describe('tailscaleIdentity', () => {
  it('trusts Serve identity headers from a loopback peer when allowed', () => {
    expect(tailscaleIdentity(headers, '127.0.0.1', true)).toEqual({ login: 'alice@example.com', name: 'Alice' });
    expect(tailscaleIdentity(headers, '::ffff:127.0.0.1', true)).toBeDefined();
    expect(tailscaleIdentity(headers, '::1', true)).toBeDefined();
  });

  it('ignores them from a non-loopback peer, or when the option is off', () => {
    expect(tailscaleIdentity(headers, '100.64.0.7', true)).toBeUndefined();
    expect(tailscaleIdentity(headers, '192.168.1.5', true)).toBeUndefined();
    expect(tailscaleIdentity(headers, '127.0.0.1', false)).toBeUndefined();
  });

  it('needs the forwarding headers Serve adds', () => {
    const { 'x-forwarded-host': _h, ...partial } = headers;
    expect(tailscaleIdentity(partial, '127.0.0.1', true)).toBeUndefined();
    expect(tailscaleIdentity({ ...headers, 'tailscale-user-login': '  ' }, '127.0.0.1', true)).toBeUndefined();
  });
});
