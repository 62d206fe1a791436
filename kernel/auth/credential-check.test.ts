import { describe, expect, it } from 'vitest';
import { checkPresentedCredential } from './credential-check.js';
import { FailureLimiter } from './failure-limiter.js';

const right = (p: string) => p === 'right';

describe('checkPresentedCredential', () => {
  it('a missing credential is not counted', () => {
    const l = new FailureLimiter(1, 60_000);
    for (let i = 0; i < 5; i++)
      expect(checkPresentedCredential(l, ['k'], undefined, right)).toEqual({ ok: false, reason: 'missing' });
    expect(checkPresentedCredential(l, ['k'], '', right).ok).toBe(false);
    expect(l.count('k')).toBe(0);
    expect(checkPresentedCredential(l, ['k'], 'right', right).ok).toBe(true);
  });

  it('a success resets nothing, so wrong/right alternation is still limited', () => {
    const l = new FailureLimiter(2, 60_000);
    expect(checkPresentedCredential(l, ['k'], 'w1', right)).toEqual({ ok: false, reason: 'invalid' });
    expect(checkPresentedCredential(l, ['k'], 'right', right).ok).toBe(true);
    expect(checkPresentedCredential(l, ['k'], 'w2', right)).toEqual({ ok: false, reason: 'invalid' });
    const limited = checkPresentedCredential(l, ['k'], 'right', right);
    expect(limited).toMatchObject({ ok: false, reason: 'limited' });
  });

  it('past the limit a guess is not evaluated and not counted', () => {
    const l = new FailureLimiter(1, 60_000);
    checkPresentedCredential(l, ['a', 'b'], 'w', right);
    let calls = 0;
    const verdict = checkPresentedCredential(l, ['b'], 'right', (p) => {
      calls++;
      return right(p);
    });
    expect(verdict).toMatchObject({ ok: false, reason: 'limited' });
    expect(calls).toBe(0);
    expect(l.count('b')).toBe(1);
  });
});
