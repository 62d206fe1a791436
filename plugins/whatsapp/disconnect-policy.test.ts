import { describe, expect, it } from 'vitest';
import { disconnectAction, statusCodeOf } from './disconnect-policy.js';

describe('disconnect policy', () => {
  it('maps Baileys DisconnectReason codes to actions', () => {
    expect(disconnectAction(401, false).kind).toBe('logged-out');
    expect(disconnectAction(403, false).kind).toBe('logged-out');
    expect(disconnectAction(440, false).kind).toBe('replaced');
    expect(disconnectAction(515, false).kind).toBe('restart-now');
    expect(disconnectAction(515, true).kind).toBe('backoff');
    for (const code of [408, 428, 500, 503, undefined]) expect(disconnectAction(code, false).kind).toBe('backoff');
  });

  it('reads the Boom status code', () => {
    expect(statusCodeOf({ output: { statusCode: 440 } })).toBe(440);
    expect(statusCodeOf(new Error('x'))).toBeUndefined();
  });
});
