import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EventFrame } from '../../sdk/client/gateway-client.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { sleep } from './raw-socket.js';
import { startReady } from './start-gateway.js';

// Several gateway processes per file: leave room for a loaded CI machine.
vi.setConfig({ testTimeout: 60_000, hookTimeout: 60_000 });

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady({ config: { gateway: { tickIntervalMs: 1000 } } });
});
afterAll(async () => {
  await gw?.stop();
});

const rows = (e: EventFrame) => (e.payload?.presence ?? []) as Array<{ instanceId?: string; text?: string }>;

describe('tick and seq', () => {
  it('sends tick every tickIntervalMs, announced in hello-ok.policy', async () => {
    const c = await gw.client();
    expect(c.hello.policy.tickIntervalMs).toBe(1000);
    const started = Date.now();
    await c.waitForEvent((e) => e.event === 'tick' && c.events.filter((x) => x.event === 'tick').length >= 3, 8000);
    const ticks = c.events.filter((e) => e.event === 'tick');
    expect(Date.now() - started).toBeLessThan(7000);
    for (const t of ticks) expect(t.payload.ts).toBeGreaterThan(0);
    const gaps = ticks.slice(1).map((t, i) => t.payload.ts - ticks[i]!.payload.ts);
    for (const g of gaps) {
      // setInterval(1000) on a busy machine: never early, rarely much late.
      expect(g).toBeGreaterThan(900);
      expect(g).toBeLessThan(2500);
    }
    c.close();
  });

  it('broadcasts carry one gateway-wide, strictly increasing seq (the same on every client)', async () => {
    const a = await gw.client();
    const b = await gw.client();
    await a.waitForEvent((e) => e.event === 'tick', 3000);
    await b.request('system-event', { text: 'seq probe' });
    await sleep(2200);
    const seqsA = a.events.filter((e) => e.seq !== undefined).map((e) => e.seq!);
    expect(seqsA.length).toBeGreaterThanOrEqual(3);
    for (let i = 1; i < seqsA.length; i++) expect(seqsA[i]).toBeGreaterThan(seqsA[i - 1]!);
    const ticksA = new Map(a.events.filter((e) => e.event === 'tick').map((e) => [e.payload.ts, e.seq]));
    const shared = b.events.filter((e) => e.event === 'tick' && ticksA.has(e.payload.ts));
    expect(shared.length).toBeGreaterThan(0);
    for (const t of shared) expect(t.seq).toBe(ticksA.get(t.payload.ts));
    a.close();
    b.close();
  });
});

describe('presence', () => {
  it('presence events on join and leave, with stateVersion.presence increasing', async () => {
    const watcher = await gw.client({ instanceId: 'watcher' });
    const startVersion = watcher.hello.snapshot.stateVersion.presence;
    const joiner = await gw.client({ instanceId: 'joiner', displayName: 'joiner-host' });
    const joined = await watcher.waitForEvent(
      (e) => e.event === 'presence' && rows(e).some((r) => r.instanceId === 'joiner'),
      6000,
    );
    expect(joined.seq).toBeGreaterThan(0);
    expect(joined.stateVersion!.presence).toBeGreaterThan(startVersion);
    expect(typeof joined.stateVersion!.health).toBe('number');
    joiner.close();
    const left = await watcher.waitForEvent(
      (e) => e.event === 'presence' && e.seq! > joined.seq! && !rows(e).some((r) => r.instanceId === 'joiner'),
      6000,
    );
    expect(left.stateVersion!.presence).toBeGreaterThan(joined.stateVersion!.presence);
    watcher.close();
  });

  it('two connections with the same client.instanceId share one presence row, which leaves with the last', async () => {
    const observer = await gw.client({ instanceId: 'observer' });
    const one = await gw.client({ instanceId: 'shared-instance' });
    const two = await gw.client({ instanceId: 'shared-instance' });
    const count = async () =>
      (await observer.request('system-presence')).filter((p: any) => p.instanceId === 'shared-instance').length;
    expect(await count()).toBe(1);
    one.close();
    await one.waitForClose();
    await sleep(100);
    expect(await count()).toBe(1);
    two.close();
    await two.waitForClose();
    let n = 1;
    for (let i = 0; i < 20 && n > 0; i++) {
      await sleep(50);
      n = await count();
    }
    expect(n).toBe(0);
    observer.close();
  });

  it('system-event updates presence and is broadcast as a presence event', async () => {
    const watcher = await gw.client({ instanceId: 'watcher-2' });
    const poster = await gw.client({ instanceId: 'poster' });
    await poster.request('system-event', { text: 'compiling the kernel' });
    const ev = await watcher.waitForEvent(
      (e) =>
        e.event === 'presence' && rows(e).some((r) => r.instanceId === 'poster' && r.text === 'compiling the kernel'),
      6000,
    );
    expect(ev.stateVersion!.presence).toBeGreaterThan(watcher.hello.snapshot.stateVersion.presence);
    watcher.close();
    poster.close();
  });

  it('many clients posting long system-event texts cannot grow presence events enough to cut everyone', async () => {
    const clients = await Promise.all(Array.from({ length: 26 }, (_, i) => gw.client({ instanceId: `chatty-${i}` })));
    const big = 'z'.repeat(60_000);
    for (const c of clients) await c.request('system-event', { text: `${c.options.instanceId}:${big}` });
    await sleep(1500);
    expect(clients.filter((c) => c.closeCode !== undefined).map((c) => c.closeCode)).toEqual([]);
    const list = await clients[0]!.request('system-presence');
    const row = list.find((p: any) => p.instanceId === 'chatty-3');
    expect(row.text.startsWith('chatty-3:zzz')).toBe(true);
    expect(row.text.length).toBeLessThanOrEqual(1024);
    const lastPresence = clients[0]!.events.filter((e) => e.event === 'presence').at(-1)!;
    expect(JSON.stringify(lastPresence).length).toBeLessThan(400_000);
    for (const c of clients) c.close();
  });
});
