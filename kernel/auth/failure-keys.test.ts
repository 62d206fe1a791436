import { describe, expect, it } from 'vitest';
import { deviceFailureKey, failureKeys, sourceOf } from './failure-keys.js';

describe('failureKeys', () => {
  it('counts by source, and by Origin only for other origins', () => {
    expect(failureKeys('::ffff:10.0.0.5', { host: 'gw.local:18789', origin: 'http://gw.local:18789' })).toEqual([
      'gateway|source:10.0.0.5',
    ]);
    expect(failureKeys('10.0.0.5', { host: 'gw.local:18789', origin: 'https://ui.example' })).toEqual([
      'gateway|source:10.0.0.5',
      'gateway|origin:https://ui.example',
    ]);
    expect(failureKeys('10.0.0.5', { host: 'gw.local:18789' }, 'plugin:hooks')).toEqual([
      'plugin:hooks|source:10.0.0.5',
    ]);
  });

  it('the whole loopback range is one source, and forwarding headers never choose the bucket', () => {
    const headers = { host: 'gw:1', 'x-forwarded-for': '100.64.1.2, 127.0.0.1' };
    for (const peer of ['127.0.0.1', '127.0.0.2', '127.255.1.9', '::1', '::ffff:127.0.0.7']) {
      expect(failureKeys(peer, headers)).toEqual(['gateway|source:loopback']);
    }
  });

  it('an IPv6 peer counts by its /64, so one host cannot rotate through its addresses', () => {
    expect(sourceOf('2001:db8:0:1::5')).toBe('2001:db8:0:1::/64');
    expect(sourceOf('2001:0db8:0000:0001:ffff:0:0:9')).toBe('2001:db8:0:1::/64');
    expect(sourceOf('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(sourceOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(sourceOf('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(sourceOf(undefined)).toBe('unknown');
  });

  it('a device has a bucket of its own per role', () => {
    expect(deviceFailureKey('ab12', 'operator')).toBe('gateway|device:ab12:operator');
  });
});
