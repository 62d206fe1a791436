import { describe, expect, it } from 'vitest';
import { canvasUrlFor } from './canvas-url.js';

const local = { ip: '127.0.0.1', isLoopback: true, host: '127.0.0.1:18789' };
const remote = { ip: '10.0.0.7', isLoopback: false, host: 'gw.lan:18789' };

describe('canvasUrlFor', () => {
  it('names a loopback-only canvas to clients on this machine only', () => {
    expect(canvasUrlFor('127.0.0.1', 18793, local)).toBe('http://127.0.0.1:18793');
    expect(canvasUrlFor('127.0.0.1', 18793, remote)).toBeUndefined();
    expect(canvasUrlFor('::1', 18793, local)).toBe('http://[::1]:18793');
  });

  it('uses the bind address, or the name the client dialled when bound to every address', () => {
    expect(canvasUrlFor('192.168.1.5', 18793, remote)).toBe('http://192.168.1.5:18793');
    expect(canvasUrlFor('0.0.0.0', 18793, remote)).toBe('http://gw.lan:18793');
    expect(canvasUrlFor('0.0.0.0', 18793, { ip: '::1', isLoopback: true, host: '[::1]:18789' })).toBe(
      'http://[::1]:18793',
    );
    expect(canvasUrlFor('0.0.0.0', 18793, { ip: '10.0.0.7', isLoopback: false })).toBe('http://127.0.0.1:18793');
  });
});
