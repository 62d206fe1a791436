import { describe, expect, it } from 'vitest';
import { dashboardUrl } from './dashboard-url.js';

describe('dashboardUrl', () => {
  it('turns the WebSocket URL into the page URL with the token in the fragment', () => {
    expect(dashboardUrl('ws://127.0.0.1:18789', undefined, 'abc')).toBe('http://127.0.0.1:18789/#token=abc');
    expect(dashboardUrl('wss://gw.example:443', '/moltbot', 'a+b/c')).toBe(
      'https://gw.example/moltbot/#token=a%2Bb%2Fc',
    );
    expect(dashboardUrl('ws://[::1]:19001', 'ui/', undefined)).toBe('http://[::1]:19001/ui/');
  });
});
