import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { DELIVERY_MIGRATIONS } from './migrations.js';
import { OutboundStore } from './outbound-store.js';

const open = () => {
  const db = new Database(':memory:');
  for (const sql of DELIVERY_MIGRATIONS) db.exec(sql);
  return new OutboundStore(db);
};
const message = (to: string, parts = 1) => ({
  channel: 'telegram',
  accountId: 'a',
  to,
  parts: Array.from({ length: parts }, (_, i) => ({ text: `part ${i}` })),
});
const seqs = (store: OutboundStore) => store.pendingHeads(Number.MAX_SAFE_INTEGER, ['telegram']).map((r) => r.seq);

describe('OutboundStore.counts', () => {
  it('is answered from memory between writes and is right after every kind of write', () => {
    const store = open();
    expect(store.counts()).toEqual({});
    store.insert(message('1', 2));
    store.insert(message('2'));
    const first = store.counts();
    expect(first).toEqual({ telegram: { pending: 3, sent: 0, dead: 0 } });
    // No write in between: the same object, no query.
    expect(store.counts()).toBe(first);

    const [head1, head2] = seqs(store);
    store.markSent(head1!, 'p1');
    expect(store.counts()).toEqual({ telegram: { pending: 2, sent: 1, dead: 0 } });
    store.markDead(head2!, 'blocked');
    expect(store.counts()).toEqual({ telegram: { pending: 1, sent: 1, dead: 1 } });
    const dead = store.deadLetters()[0]!;
    expect(store.requeue(dead.message_id)).toBe(1);
    expect(store.counts()).toEqual({ telegram: { pending: 2, sent: 1, dead: 0 } });
    store.markSentMany(seqs(store).map((seq) => ({ seq })));
    expect(store.counts()).toEqual({ telegram: { pending: 0, sent: 3, dead: 0 } });
    expect(store.pruneSent(Number.MAX_SAFE_INTEGER)).toBe(3);
    expect(store.counts()).toEqual({});
  });
});
