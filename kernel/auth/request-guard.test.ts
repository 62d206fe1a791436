import { describe, expect, it } from 'vitest';
import { type HostPolicy, hostnameOf, isAllowedHost, isAllowedOrigin } from './request-guard.js';

const loopback: HostPolicy = {
  port: 18789,
  bindHost: '127.0.0.1',
  allowedHosts: ['gw.example.internal'],
  allowedOrigins: ['https://ui.example.com'],
};

describe('Host check', () => {
  it('parses the hostname of a Host header', () => {
    expect(hostnameOf('Example.COM:80')).toBe('example.com');
    expect(hostnameOf('[::1]:18789')).toBe('[::1]');
    expect(hostnameOf('localhost')).toBe('localhost');
  });

  it('accepts loopback names, the bind address and configured names', () => {
    for (const h of ['127.0.0.1:18789', 'localhost:18789', '[::1]:18789', '127.0.0.2', 'GW.example.internal:18789'])
      expect(isAllowedHost(h, loopback), h).toBe(true);
  });

  it('refuses other names (DNS rebinding) and a missing Host', () => {
    for (const h of ['evil.example:18789', '192.168.1.10:18789', 'localhost.evil.example', undefined])
      expect(isAllowedHost(h, loopback), String(h)).toBe(false);
  });

  it('a specific bind address is accepted as a Host', () => {
    expect(isAllowedHost('10.1.2.3:18789', { ...loopback, bindHost: '10.1.2.3' })).toBe(true);
  });
});

describe('Origin check', () => {
  it('no Origin (non-browser clients) passes', () => {
    expect(isAllowedOrigin(undefined, '127.0.0.1:18789', loopback)).toBe(true);
  });

  it('own origin and configured origins pass', () => {
    expect(isAllowedOrigin('http://127.0.0.1:18789', '127.0.0.1:18789', loopback)).toBe(true);
    expect(isAllowedOrigin('https://ui.example.com', '127.0.0.1:18789', loopback)).toBe(true);
  });

  it('cross-site, null and non-http origins are refused', () => {
    expect(isAllowedOrigin('https://evil.example', '127.0.0.1:18789', loopback)).toBe(false);
    expect(isAllowedOrigin('http://localhost:18789', '127.0.0.1:18789', loopback)).toBe(false);
    expect(isAllowedOrigin('null', '127.0.0.1:18789', loopback)).toBe(false);
    expect(isAllowedOrigin('file:///etc/passwd', '127.0.0.1:18789', loopback)).toBe(false);
    expect(isAllowedOrigin('not a url', '127.0.0.1:18789', loopback)).toBe(false);
  });
});
