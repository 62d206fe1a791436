import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { connectFrame, connectRaw, openRaw, type RawSocket } from '../kernel/raw-socket.js';
import { startReady } from '../kernel/start-gateway.js';
import type { GatewayProcess } from '../support/gateway-process.js';

vi.setConfig({ testTimeout: 90_000, hookTimeout: 60_000 });

// 10,000 random and mutated frames on live connections: the gateway must not crash, must
// answer every request that carries an id exactly once with a well-formed response, and must
// still serve a well-behaved client afterwards.
let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady();
});
afterAll(async () => {
  await gw?.stop();
});

/** A seeded generator, so a failure can be replayed (the seed is in the test name). */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const SEED = 20261201;
const METHODS = ['health', 'status', 'system-presence', 'config.get', 'logs.tail', 'no.such', 'connect', '', 'send'];
const VALUES: unknown[] = [null, true, 0, -1, 1e308, '', 'x'.repeat(300), [], {}, [[[]]], { a: { b: { c: 1 } } }];

/**
 * One fuzzed frame. `fatal`: not JSON, or no usable string id — the gateway closes 1008 (it
 * cannot answer what it cannot address). Otherwise exactly one response with that id is due.
 */
function fuzzFrame(r: () => number, id: string): { text: string; fatal: boolean } {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(r() * xs.length)]!;
  const roll = r();
  let text: string;
  if (roll < 0.005) text = crypto.randomBytes(1 + Math.floor(r() * 200)).toString('latin1');
  else if (roll < 0.01) text = JSON.stringify(pick(VALUES));
  else {
    const frame: Record<string, unknown> = { type: 'req', id, method: pick(METHODS) };
    if (r() < 0.6) frame.params = pick(VALUES);
    if (r() < 0.2) frame.type = pick(['res', 'event', 'REQ', 1, null]);
    if (r() < 0.2) frame[pick(['extra', '__proto__', 'constructor', 'method'])] = pick(VALUES);
    text = JSON.stringify(frame);
    if (r() < 0.01 && text.length > 2) {
      // Cut or corrupt one character: usually no longer JSON.
      const at = Math.floor(r() * text.length);
      text = text.slice(0, at) + pick(['', '"', '}', '\u0000', '\\']) + text.slice(at + 1);
    }
  }
  try {
    const parsed = JSON.parse(text);
    const ok = typeof parsed?.id === 'string' && parsed.id.length > 0 && parsed.id.length <= 256;
    return { text, fatal: !ok };
  } catch {
    return { text, fatal: true };
  }
}

async function readyClient(): Promise<RawSocket> {
  const s = await openRaw(gw.url);
  const res = await connectRaw(s, connectFrame(gw.token));
  expect(res.ok).toBe(true);
  return s;
}

describe(`frame fuzzing (seed ${SEED})`, () => {
  it('10,000 frames: no crash, every addressable request answered exactly once, well-formed', async () => {
    const r = rng(SEED);
    const expected = new Set<string>();
    const answers = new Map<string, number>();
    const done: RawSocket[] = [];
    let s = await readyClient();
    let closes = 0;
    let markers = 0;
    /** Everything sent on `s` so far has been read once its marker is answered. */
    const flush = async () => {
      const id = `marker-${markers++}`;
      // Its own listener: RawSocket.next rescans every frame received so far on each message.
      const answered = new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`${id} not answered`)), 60_000);
        const onMessage = (data: Buffer) => {
          if (!data.toString().includes(`"${id}"`)) return;
          clearTimeout(timer);
          s.ws.off('message', onMessage);
          resolve();
        };
        s.ws.on('message', onMessage);
      });
      s.send({ type: 'req', id, method: 'health' });
      await answered;
    };
    for (let i = 0; i < 10_000; i++) {
      const id = `f${i}`;
      const { text, fatal } = fuzzFrame(r, id);
      if (!fatal) {
        // A corrupted character can turn `f2710` into `f271`: ids must stay unique to count answers.
        const sentId = JSON.parse(text).id as string;
        if (expected.has(sentId)) continue;
        expected.add(sentId);
        s.send(text);
        if (i % 1000 === 999) await flush();
        continue;
      }
      await flush();
      s.send(text);
      const closed = await s.closed;
      expect(closed.code).toBe(1008);
      closes++;
      done.push(s);
      s = await readyClient();
    }
    await flush();
    done.push(s);
    for (const sock of done) {
      for (const f of sock.frames) {
        if (f.unparsable !== undefined)
          throw new Error(`a frame that is not JSON: ${String(f.unparsable).slice(0, 80)}`);
        if (f.type !== 'res' || f.id === 'c1' || String(f.id).startsWith('marker-')) continue;
        expect(typeof f.id).toBe('string');
        expect(typeof f.ok).toBe('boolean');
        if (!f.ok) {
          expect(typeof f.error?.code).toBe('string');
          expect(typeof f.error?.message).toBe('string');
          expect(JSON.stringify(f.error)).not.toMatch(/\n\s+at /); // never a stack
        }
        answers.set(f.id, (answers.get(f.id) ?? 0) + 1);
      }
    }
    expect(closes).toBeGreaterThan(50);
    for (const id of expected) expect(answers.get(id), `request ${id}`).toBe(1);
    for (const id of answers.keys()) expect(expected.has(id), `unexpected answer ${id}`).toBe(true);
    const sockets = done;
    for (const s of sockets) s.ws.close();
    // Still alive and serving.
    const c = await gw.client();
    expect((await c.request('health')).ok).toBeDefined();
    c.close();
    expect(gw.proc.exitCode).toBeNull();
  });
});
