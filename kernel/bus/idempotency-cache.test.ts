import { describe, expect, it } from 'vitest';
import { IdempotencyCache, type IdempotentOutcome } from './idempotency-cache.js';

const outcome = (v: unknown): IdempotentOutcome => ({ final: Promise.resolve(v), ackListeners: [] });

describe('IdempotencyCache', () => {
  it('returns the stored outcome for a key within the TTL', async () => {
    const cache = new IdempotencyCache(10, 1000);
    const o = outcome({ n: 1 });
    cache.set('send\u0000k1', o, 0);
    expect(cache.get('send\u0000k1', 999)).toBe(o);
    expect(await cache.get('send\u0000k1', 500)!.final).toEqual({ n: 1 });
    expect(cache.get('send\u0000other', 10)).toBeUndefined();
  });

  it('forgets an entry once its TTL has passed', () => {
    const cache = new IdempotencyCache(10, 1000);
    cache.set('k', outcome(1), 0);
    expect(cache.get('k', 1000)).toBeUndefined();
    expect(cache.size).toBe(0);
  });

  it('is bounded in size: the oldest entries are evicted first', () => {
    const cache = new IdempotencyCache(3, 60_000);
    for (const k of ['a', 'b', 'c', 'd', 'e']) cache.set(k, outcome(k), 0);
    expect(cache.size).toBe(3);
    expect(cache.get('a', 1)).toBeUndefined();
    expect(cache.get('b', 1)).toBeUndefined();
    expect(cache.get('c', 1)).toBeDefined();
    expect(cache.get('e', 1)).toBeDefined();
  });

  it('setting a key again refreshes its place and TTL', () => {
    const cache = new IdempotencyCache(2, 1000);
    cache.set('a', outcome(1), 0);
    cache.set('b', outcome(2), 0);
    cache.set('a', outcome(3), 500);
    cache.set('c', outcome(4), 600);
    expect(cache.get('b', 700)).toBeUndefined();
    expect(cache.get('a', 1400)).toBeDefined();
  });

  it('delete forgets a key (a failed attempt may be retried)', () => {
    const cache = new IdempotencyCache();
    cache.set('k', outcome(1));
    cache.delete('k');
    expect(cache.get('k')).toBeUndefined();
  });

  it('defaults: 5000 entries, 10 minutes', () => {
    const cache = new IdempotencyCache();
    for (let i = 0; i < 5100; i++) cache.set(`k${i}`, outcome(i), 0);
    expect(cache.size).toBe(5000);
    expect(cache.get('k5099', 10 * 60 * 1000 - 1)).toBeDefined();
    expect(cache.get('k5099', 10 * 60 * 1000)).toBeUndefined();
  });
});
