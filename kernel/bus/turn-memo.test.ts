import { describe, expect, it } from 'vitest';
import { ActivityClock, TurnMemo } from './turn-memo.js';

describe('TurnMemo', () => {
  it('shares one value within a turn, recomputes after activity and in the next turn', async () => {
    const clock = new ActivityClock();
    const memo = new TurnMemo<number>(clock);
    let computed = 0;
    const read = () => memo.get(() => ++computed);
    expect([read(), read(), read()]).toEqual([1, 1, 1]);
    clock.tick(); // an event, a connection change or a writing method
    expect([read(), read()]).toEqual([2, 2]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(read()).toBe(3);
    expect(computed).toBe(3);
  });
});
