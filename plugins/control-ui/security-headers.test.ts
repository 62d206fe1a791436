import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers.js';

describe('dashboard security headers', () => {
  it('allows WebSocket connections only to the origin named by Host', () => {
    const csp = contentSecurityPolicy('127.0.0.1:18789');
    expect(csp).toContain('connect-src ws://127.0.0.1:18789 wss://127.0.0.1:18789');
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy('[::1]:8080')).toContain('connect-src ws://[::1]:8080 wss://[::1]:8080');
  });

  it('never copies a Host that could smuggle another directive', () => {
    for (const host of ['a.b; script-src *', 'x y', undefined, 'evil.example/path'])
      expect(contentSecurityPolicy(host)).toContain("connect-src 'self';");
  });

  it('sets nosniff and no-referrer', () => {
    const h = securityHeaders('localhost:1');
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['referrer-policy']).toBe('no-referrer');
  });
});
