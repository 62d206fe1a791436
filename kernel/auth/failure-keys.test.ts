import { describe, expect, it } from 'vitest';
import { failureKeys } from './failure-keys.js';

describe('failureKeys', () => {
  it('counts by address, and by Origin only for other origins', () => {
    expect(failureKeys('::ffff:10.0.0.5', { host: 'gw.local:18789', origin: 'http://gw.local:18789' }, false)).toEqual([
      'ip:10.0.0.5',
    ]);
    expect(failureKeys('10.0.0.5', { host: 'gw.local:18789', origin: 'https://ui.example' }, false)).toEqual([
      'ip:10.0.0.5',
      'origin:https://ui.example',
    ]);
    expect(failureKeys('10.0.0.5', { host: 'gw.local:18789' }, false)).toEqual(['ip:10.0.0.5']);
  });

  it('uses the forwarded client behind Tailscale Serve (loopback peer, option on) and nowhere else', () => {
    const headers = { host: 'gw:1', 'x-forwarded-for': '100.64.1.2, 127.0.0.1' };
    expect(failureKeys('127.0.0.1', headers, true)).toEqual(['ip:100.64.1.2 via tailscale']);
    expect(failureKeys('127.0.0.1', headers, false)).toEqual(['ip:127.0.0.1']);
    expect(failureKeys('10.0.0.9', headers, true)).toEqual(['ip:10.0.0.9']);
  });
});
