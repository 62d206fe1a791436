import { describe, expect, it } from 'vitest';
import { canvasUrl, normalizeOrigin, parseEval, parsePresent, parseSnapshot } from './canvas-params.js';

const policy = { hostUrl: 'http://127.0.0.1:18793', allowOrigins: [] as string[] };

describe('canvas URLs on a headless node', () => {
  it('resolves nothing, paths and page names on the canvas host', () => {
    expect(canvasUrl(undefined, policy).href).toBe('http://127.0.0.1:18793/__moltbot__/canvas/');
    expect(canvasUrl('/__moltbot__/canvas/a.html?x=1', policy).href).toBe(
      'http://127.0.0.1:18793/__moltbot__/canvas/a.html?x=1',
    );
    expect(canvasUrl('b.html', policy).href).toBe('http://127.0.0.1:18793/__moltbot__/canvas/b.html');
  });

  it('refuses other schemes, and other origins unless allowed', () => {
    for (const bad of ['file:///etc/passwd', 'javascript:alert(1)', 'chrome://settings', 'data:text/html,x'])
      expect(() => canvasUrl(bad, policy)).toThrow(/http\(s\) pages only/);
    expect(() => canvasUrl('http://192.168.1.1/admin', policy)).toThrow(
      /--canvas-allow-origin http:\/\/192\.168\.1\.1/,
    );
    // Same host, another port is another origin (the gateway's own port, say).
    expect(() => canvasUrl('http://127.0.0.1:18789/', policy)).toThrow(/not the canvas host/);
    const wider = { ...policy, allowOrigins: [normalizeOrigin('https://Example.com/')] };
    expect(canvasUrl('https://example.com/page', wider).href).toBe('https://example.com/page');
    expect(canvasUrl('https://other.org/', { ...policy, allowOrigins: ['*'] }).origin).toBe('https://other.org');
    expect(() => normalizeOrigin('ftp://x')).toThrow(/http\(s\) origin/);
  });
});

describe('canvas command params', () => {
  it('takes Moltbot’s names and checks their types', () => {
    expect(parsePresent({ url: 'x.html', placement: { x: 0, y: 0, width: 800, height: 600 } })).toEqual({
      url: 'x.html',
      viewport: { width: 800, height: 600 },
    });
    expect(parsePresent(undefined)).toEqual({ url: undefined, viewport: undefined });
    expect(() => parsePresent({ placement: { width: 'wide' } })).toThrow(/width must be a number/);
    expect(parseEval({ javaScript: '1+1' })).toEqual({ javaScript: '1+1' });
    expect(parseEval({ js: 'document.title' })).toEqual({ javaScript: 'document.title' });
    expect(() => parseEval({})).toThrow(/needs javaScript/);
    expect(parseSnapshot({})).toEqual({ format: 'png', quality: undefined, maxWidth: undefined });
    expect(parseSnapshot({ format: 'jpg', quality: 0.5, maxWidth: 640 })).toEqual({
      format: 'jpeg',
      quality: 50,
      maxWidth: 640,
    });
    expect(() => parseSnapshot({ format: 'gif' })).toThrow(/not png or jpeg/);
  });
});
