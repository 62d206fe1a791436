import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../sdk/index.js';
import { DELIVERY_MIGRATIONS } from './migrations.js';
import { PairingStore } from './pairing-store.js';

const open = () => {
  const db = new Database(':memory:');
  for (const sql of DELIVERY_MIGRATIONS) db.exec(sql);
  return new PairingStore(db, { codeTtlMs: 60_000, maxPending: 5 });
};
const from = (sender: string): InboundMessage => ({
  channel: 'telegram',
  accountId: 'a',
  messageId: '1',
  chatId: sender,
  chatType: 'direct',
  senderId: sender,
  senderName: 'N',
  text: 'hi',
  ts: 0,
});

describe('PairingStore', () => {
  it('lists approved senders, newest first, with the name they asked with', () => {
    const store = open();
    const a = store.request({ ...from('7'), senderUsername: 'seven' }, 1000)!;
    const b = store.request(from('8'), 1000)!;
    store.resolve('telegram', a.request.code, 'approved', 2000);
    store.resolve('telegram', b.request.code, 'rejected', 2500);
    expect(store.listApproved().map((x) => x.senderId)).toEqual(['7']);
    const c = store.request(from('9'), 3000)!;
    store.resolve('telegram', c.request.code, 'approved', 4000);
    expect(store.listApproved('telegram')).toEqual([
      { channel: 'telegram', accountId: 'a', senderId: '9', senderName: 'N', approvedAt: 4000 },
      {
        channel: 'telegram',
        accountId: 'a',
        senderId: '7',
        senderName: 'N',
        senderUsername: 'seven',
        approvedAt: 2000,
      },
    ]);
    expect(store.listApproved('whatsapp')).toEqual([]);
  });

  it('gives a sender one live code, approves it once, and remembers the sender', () => {
    const store = open();
    const first = store.request(from('7'), 1000)!;
    expect(first.created).toBe(true);
    expect(first.request.code).toMatch(/^[A-HJ-NP-Z2-9]{8}$/);
    expect(store.request(from('7'), 2000)).toEqual({ request: first.request, created: false });
    expect(store.listPending('telegram', 2000).map((r) => r.senderId)).toEqual(['7']);
    expect(store.resolve('telegram', first.request.code.toLowerCase(), 'approved', 3000)).toMatchObject({
      senderId: '7',
      state: 'approved',
    });
    expect(store.isApproved('telegram', 'a', '7')).toBe(true);
    expect(store.resolve('telegram', first.request.code, 'approved', 3000)).toBeUndefined();
    expect(store.listPending(undefined, 3000)).toEqual([]);
  });

  it('rejects without approving, and lets codes expire', () => {
    const store = open();
    const r = store.request(from('8'), 0)!.request;
    expect(store.resolve('telegram', r.code, 'rejected', 10)).toMatchObject({ state: 'rejected' });
    expect(store.isApproved('telegram', 'a', '8')).toBe(false);
    const late = store.request(from('9'), 0)!.request;
    expect(store.resolve('telegram', late.code, 'approved', 60_001)).toBeUndefined();
    expect(store.listPending('telegram', 60_001)).toEqual([]);
    // An expired request is replaced by a new code on the next message.
    const again = store.request(from('9'), 60_002)!;
    expect(again.created).toBe(true);
    expect(store.resolve('whatsapp', again.request.code, 'approved', 60_003)).toBeUndefined();
  });
});
