import { describe, expect, it } from 'vitest';
import { ActivityClock, TurnMemo } from './turn-memo.js';

describe('TurnMemo', () => {
  it('shares one value within one synchronous run, recomputes after activity and on the next tick', async () => {
    const clock = new ActivityClock();
    const memo = new TurnMemo<number>(clock);
    let computed = 0;
    const read = () => memo.get(() => ++computed);
    expect([read(), read(), read()]).toEqual([1, 1, 1]);
    clock.tick(); // an event, a connection change or a writing method
    expect([read(), read()]).toEqual([2, 2]);
    await Promise.resolve(); // once this synchronous run ends, the next read builds anew
    expect(read()).toBe(3);
    expect(computed).toBe(3);
  });
});
