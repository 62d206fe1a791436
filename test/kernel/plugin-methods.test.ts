import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayClient } from '../../sdk/client/gateway-client.js';
import { type GatewayProcess, REPO_ROOT } from '../support/gateway-process.js';
import { sleep } from './raw-socket.js';
import { startReady } from './start-gateway.js';

const PROBE = path.join(REPO_ROOT, 'test/kernel/fixtures/kernel-probe');

let gw: GatewayProcess;
let c: GatewayClient;
beforeAll(async () => {
  gw = await startReady({ config: { plugins: { entries: { 'kernel-probe': { from: PROBE } } } } });
  c = await gw.client();
});
afterAll(async () => {
  c?.close();
  await gw?.stop();
});

describe('plugin methods through the kernel bus', () => {
  it('a plugin method is listed in hello-ok.features.methods', () => {
    expect(c.hello.features.methods).toEqual(
      expect.arrayContaining(['probe.effect', 'probe.count', 'probe.reject', 'probe.throw']),
    );
  });

  it('idempotency: a repeat of the same key returns the first result (and ack) and runs nothing new', async () => {
    const acks: any[] = [];
    const first = await c.request('probe.effect', { idempotencyKey: 'k-1' }, { onAccepted: (p) => acks.push(p) });
    expect(first.status).toBe('ok');
    const repeat = await c.request('probe.effect', { idempotencyKey: 'k-1' }, { onAccepted: (p) => acks.push(p) });
    expect(repeat).toEqual(first);
    expect(acks).toEqual([
      { status: 'accepted', n: first.n },
      { status: 'accepted', n: first.n },
    ]);
    const other = await c.request('probe.effect', { idempotencyKey: 'k-2' });
    expect(other.n).toBe(first.n + 1);
    expect((await c.request('probe.count')).effects).toBe(other.n);
  });

  it('idempotency: concurrent repeats (also from another connection) share the one in-flight run', async () => {
    const c2 = await gw.client();
    const before = (await c.request('probe.count')).effects;
    const results = await Promise.all([
      c.request('probe.effect', { idempotencyKey: 'k-concurrent' }, { onAccepted: () => undefined }),
      c.request('probe.effect', { idempotencyKey: 'k-concurrent' }, { onAccepted: () => undefined }),
      c2.request('probe.effect', { idempotencyKey: 'k-concurrent' }, { onAccepted: () => undefined }),
    ]);
    expect(new Set(results.map((r) => r.n)).size).toBe(1);
    expect(results.every((r) => r.status === 'ok')).toBe(true);
    expect((await c.request('probe.count')).effects).toBe(before + 1);
    c2.close();
  });

  it('idempotency: a failed attempt is not cached, so a retry with the same key runs again', async () => {
    const err = await c
      .request('probe.effect', { idempotencyKey: 'k-fail', failFirst: true }, { onAccepted: () => undefined })
      .catch((e) => e);
    expect(err.error.code).toBe('UNAVAILABLE');
    expect(err.error.retryable).toBe(true);
    expect(err.error.details.errorCode).toBe('GW_ERR_KERNEL_PROBE_FAILED');
    const retry = await c.request('probe.effect', { idempotencyKey: 'k-fail' }, { onAccepted: () => undefined });
    expect(retry.status).toBe('ok');
  });

  it('idempotency: the key is required', async () => {
    const err = await c.request('probe.effect', {}).catch((e) => e);
    expect(err.error.code).toBe('INVALID_REQUEST');
    expect(err.error.message).toContain('idempotencyKey');
  });

  it('unhandled rejections from a plugin are logged, never fatal', async () => {
    expect(await c.request('probe.reject')).toEqual({ ok: true });
    await sleep(200);
    expect(gw.proc.exitCode).toBeNull();
    expect((await c.request('health')).ok).toBe(true);
    const tail = await c.request('logs.tail', { limit: 200 });
    expect(
      tail.lines.some((l: string) => l.includes('unhandled rejection') && l.includes('probe: an unhandled rejection')),
    ).toBe(true);
  });

  it('a plain Error thrown by a method becomes INTERNAL "internal error" without a stack or message leak', async () => {
    const err = await c.request('probe.throw').catch((e) => e);
    expect(err.error).toEqual({ code: 'INTERNAL', message: 'internal error' });
    expect((await c.request('health')).ok).toBe(true);
  });

  it('a response over the send buffer is answered GW_ERR_RESPONSE_TOO_LARGE, the client is not cut', async () => {
    expect((await c.request('probe.big', { chars: 1_000_000 })).text).toHaveLength(1_000_000);
    const err = await c.request('probe.big', { chars: 2_000_000 }).catch((e) => e);
    expect(err.error.code).toBe('INVALID_REQUEST');
    expect(err.error.details).toMatchObject({ errorCode: 'GW_ERR_RESPONSE_TOO_LARGE', limit: 1_572_864 });
    expect(err.error.message).toContain('ask for less');
    expect(c.closeCode).toBeUndefined();
    expect((await c.request('health')).ok).toBe(true);
  });
});
