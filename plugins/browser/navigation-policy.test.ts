import { describe, expect, it } from 'vitest';
import { checkNavigation, isLocalAddress, matchesHost, type NavigationPolicy } from './navigation-policy.js';

const policy: NavigationPolicy = { allowedHosts: [], blockedHosts: ['ads.example'], protectedPorts: [18789, 18791] };
const resolve = async (host: string) =>
  ({ 'public.example': ['93.184.216.34'], 'rebind.example': ['10.0.0.5'], 'ads.example': ['1.2.3.4'] })[host] ?? [];
const check = (url: string, p = policy, navigation = true) => checkNavigation(url, p, { navigation, resolve });

describe('navigation policy', () => {
  it.each([
    'file:///etc/passwd',
    'chrome://settings',
    'chrome-extension://abc/page.html',
    'javascript:alert(1)',
    'data:text/html,<h1>x</h1>',
    'view-source:https://public.example',
    'http://127.0.0.1:8080/',
    'http://localhost/',
    'http://app.localhost/',
    'http://[::1]/',
    'http://10.1.2.3/',
    'http://192.168.1.1/',
    'http://172.20.0.1/',
    'http://169.254.169.254/latest/meta-data',
    'http://100.101.102.103/',
    'http://0.0.0.0/',
    'http://[::ffff:127.0.0.1]/',
    'http://rebind.example/',
    'https://ads.example/',
    'not a url',
  ])('refuses %s', async (url) => {
    expect((await check(url)).ok).toBe(false);
  });

  it('allows public http(s) and about:blank', async () => {
    expect(await check('https://public.example/page')).toEqual({ ok: true });
    expect(await check('about:blank')).toEqual({ ok: true });
  });

  it('allowedHosts opens exactly the host (and port) named, never the gateway ports', async () => {
    const allowOne = { ...policy, allowedHosts: ['127.0.0.1:4000'] };
    expect((await check('http://127.0.0.1:4000/x', allowOne)).ok).toBe(true);
    expect((await check('http://127.0.0.1:4001/x', allowOne)).ok).toBe(false);
    const allowHost = { ...policy, allowedHosts: ['127.0.0.1'] };
    expect((await check('http://127.0.0.1:4001/x', allowHost)).ok).toBe(true);
    const gateway = await check('http://127.0.0.1:18789/', allowHost);
    expect(gateway).toMatchObject({ ok: false, reason: expect.stringMatching(/gateway's own ports/) });
    expect((await check('ws://localhost:18791/', allowHost)).ok).toBe(false);
  });

  it('subresources may be data: or blob:, but not file:', async () => {
    expect((await check('data:image/png;base64,AAAA', policy, false)).ok).toBe(true);
    expect((await check('file:///etc/passwd', policy, false)).ok).toBe(false);
    expect((await check('http://127.0.0.1:9/', policy, false)).ok).toBe(false);
  });

  it('host patterns and address classes', () => {
    expect(matchesHost(['*.example.com'], 'a.example.com', 443)).toBe(true);
    expect(matchesHost(['*.example.com'], 'example.com', 443)).toBe(true);
    expect(matchesHost(['*.example.com'], 'badexample.com', 443)).toBe(false);
    expect(matchesHost(['[::1]:8080'], '::1', 8080)).toBe(true);
    expect(isLocalAddress('8.8.8.8')).toBe(false);
    expect(isLocalAddress('2606:4700::1111')).toBe(false);
    expect(isLocalAddress('::ffff:8.8.8.8')).toBe(false);
    expect(isLocalAddress('fd00::1')).toBe(true);
    expect(isLocalAddress('::ffff:7f00:1')).toBe(true);
    // The SDK's policy: documentation, benchmarking and NAT64 ranges are not public either.
    for (const a of ['2001:db8::1', '198.18.0.1', '64:ff9b::7f00:1']) expect(isLocalAddress(a), a).toBe(true);
    expect(isLocalAddress('example.com')).toBe(false);
  });
});
