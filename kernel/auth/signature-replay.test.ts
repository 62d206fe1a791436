import { describe, expect, it } from 'vitest';
import { SIGNED_AT_SKEW_MS } from './device-signature.js';
import { SignatureReplayGuard } from './signature-replay.js';

describe('SignatureReplayGuard', () => {
  it('accepts a signature once, refuses it again while its signedAt is in the window', () => {
    const g = new SignatureReplayGuard();
    const now = 1_000_000_000;
    expect(g.firstUse('sig-a', now, now)).toBe(true);
    expect(g.firstUse('sig-a', now, now + 1000)).toBe(false);
    expect(g.firstUse('sig-b', now, now + 1000)).toBe(true);
  });

  it('forgets a signature once the skew check would refuse it anyway', () => {
    const g = new SignatureReplayGuard();
    const now = 1_000_000_000;
    g.firstUse('sig-a', now, now);
    expect(g.firstUse('sig-c', now + SIGNED_AT_SKEW_MS + 1, now + SIGNED_AT_SKEW_MS + 1)).toBe(true);
    expect(g.size).toBe(1);
  });

  it('stays bounded: past maxEntries the oldest is forgotten', () => {
    const g = new SignatureReplayGuard(3);
    const now = 1_000_000_000;
    for (const s of ['a', 'b', 'c', 'd']) g.firstUse(s, now, now);
    expect(g.size).toBe(3);
    expect(g.firstUse('d', now, now)).toBe(false);
  });
});
