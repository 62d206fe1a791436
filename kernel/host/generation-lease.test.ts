import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { GenerationLease } from './generation-lease.js';

const logger = pino({ level: 'silent' });

describe('GenerationLease', () => {
  it('runs disposers in reverse order, once, and aborts its signal first', async () => {
    const lease = new GenerationLease('p', logger);
    const order: string[] = [];
    lease.defer('a', () => order.push(`a:${lease.signal.aborted}`));
    lease.defer('b', async () => {
      await new Promise((r) => setTimeout(r, 5));
      order.push('b');
    });
    lease.defer('c', () => order.push('c'));
    await Promise.all([lease.end(), lease.end()]);
    await lease.end();
    expect(order).toEqual(['c', 'b', 'a:true']);
    expect(lease.active).toBe(false);
    expect(lease.effectCount).toBe(0);
  });

  it('refuses new effects once retired', async () => {
    const lease = new GenerationLease('p', logger);
    await lease.end();
    expect(() => lease.defer('late', () => undefined)).toThrow(/retired generation/);
    expect(() => lease.interval('late', 10, () => undefined)).toThrow(
      expect.objectContaining({ code: 'GW_ERR_LEASE_INACTIVE' }),
    );
  });

  it('keeps disposing when one disposer throws', async () => {
    const lease = new GenerationLease('p', logger);
    const done: string[] = [];
    lease.defer('first', () => done.push('first'));
    lease.defer('broken', () => {
      throw new Error('boom');
    });
    await lease.end();
    expect(done).toEqual(['first']);
  });

  it('waits for tracked work', async () => {
    const lease = new GenerationLease('p', logger);
    let finished = false;
    void lease.track(
      new Promise<void>((r) =>
        setTimeout(() => {
          finished = true;
          r();
        }, 20),
      ),
    );
    expect(lease.inflightCount).toBe(1);
    await lease.settled();
    expect(finished).toBe(true);
    expect(lease.inflightCount).toBe(0);
  });

  it('clears its timers when it ends', async () => {
    const lease = new GenerationLease('p', logger);
    let ticks = 0;
    let fired = false;
    lease.interval('tick', 5, () => {
      ticks++;
    });
    lease.timeout('later', 30, () => {
      fired = true;
    });
    await lease.end();
    const at = ticks;
    // Well past both deadlines: neither callback may run once the lease has ended.
    await new Promise((r) => setTimeout(r, 80));
    expect(ticks).toBe(at);
    expect(fired).toBe(false);
  });
});
