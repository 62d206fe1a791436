import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GatewayRequestError } from '../../sdk/client/gateway-client.js';
import type { GatewayProcess } from '../support/gateway-process.js';
import { connectFrame, connectRaw, openRaw, type RawSocket, sleep } from './raw-socket.js';
import { startReady } from './start-gateway.js';

let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startReady();
});
afterAll(async () => {
  await gw?.stop();
});

/** A raw socket that has completed the handshake. */
async function ready(scopes?: string[]): Promise<RawSocket> {
  const s = await openRaw(gw.url);
  const res = await connectRaw(s, connectFrame(gw.token, scopes ? { scopes } : {}));
  expect(res.ok).toBe(true);
  return s;
}

describe('frames after the handshake', () => {
  it('a malformed request with an id is answered INVALID_REQUEST and the connection stays', async () => {
    const s = await ready();
    s.send({ type: 'req', id: 'm1' });
    const res = await s.next((f) => f.id === 'm1');
    expect(res).toMatchObject({ type: 'res', id: 'm1', ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(res.error.message).toContain('method');
    expect(res.error.details.errorCode).toBe('GW_ERR_FRAME_INVALID');
    s.send({ type: 'req', id: 'ok1', method: 'health' });
    expect((await s.next((f) => f.id === 'ok1')).ok).toBe(true);
    s.ws.close();
  });

  it('a malformed frame without an id closes only that connection (1008); another client is unaffected', async () => {
    const other = await gw.client();
    const s = await ready();
    s.send({ type: 'req', method: 'health' });
    expect((await s.closed).code).toBe(1008);
    expect((await other.request('health')).ok).toBe(true);
    expect(other.closeCode).toBeUndefined();
    const s2 = await ready();
    s2.send('{{{ not json');
    expect((await s2.closed).code).toBe(1008);
    expect((await other.request('status')).port).toBe(gw.port);
    other.close();
  });

  it('a binary frame after the handshake closes 1003', async () => {
    const s = await ready();
    s.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect((await s.closed).code).toBe(1003);
  });

  it('a second connect is refused and the connection stays', async () => {
    const s = await ready();
    s.send(connectFrame(gw.token, {}, 'again'));
    const res = await s.next((f) => f.id === 'again');
    expect(res.error.code).toBe('INVALID_REQUEST');
    expect(res.error.message).toContain('already connected');
    s.send({ type: 'req', id: 'h', method: 'health' });
    expect((await s.next((f) => f.id === 'h')).ok).toBe(true);
    s.ws.close();
  });

  it('unknown method: NOT_FOUND naming the method, connection stays', async () => {
    const c = await gw.client();
    const err = await c.request('no.such.method').catch((e) => e);
    expect(err).toBeInstanceOf(GatewayRequestError);
    expect(err.error.code).toBe('NOT_FOUND');
    expect(err.error.message).toContain('no.such.method');
    expect((await c.request('health')).ok).toBe(true);
    c.close();
  });

  it('invalid params: INVALID_REQUEST naming the failing path, connection stays', async () => {
    const c = await gw.client();
    const err = await c.request('logs.tail', { limit: 'many' }).catch((e) => e);
    expect(err.error.code).toBe('INVALID_REQUEST');
    expect(err.error.message).toContain('params.limit');
    const err2 = await c.request('config.set', { raw: '{}', surprise: true }).catch((e) => e);
    expect(err2.error.code).toBe('INVALID_REQUEST');
    expect(err2.error.message).toContain('surprise');
    const err3 = await c.request('system-event', {}).catch((e) => e);
    expect(err3.error.message).toContain('"text"');
    expect((await c.request('health')).ok).toBe(true);
    c.close();
  });

  it('wrong scope: FORBIDDEN naming the scope needed, connection stays', async () => {
    const c = await gw.client({ scopes: ['operator.read'] });
    const err = await c.request('config.set', { raw: '{}' }).catch((e) => e);
    expect(err.error.code).toBe('FORBIDDEN');
    expect(err.error.message).toContain('operator.admin');
    const err2 = await c.request('system-event', { text: 'hi' }).catch((e) => e);
    expect(err2.error.code).toBe('FORBIDDEN');
    const err3 = await c.request('gateway.restart', {}).catch((e) => e);
    expect(err3.error.code).toBe('FORBIDDEN');
    expect((await c.request('config.get')).config).toBeDefined();
    c.close();
    const w = await gw.client({ scopes: ['operator.write'] });
    expect((await w.request('system-event', { text: 'hello from write' })).ok).toBe(true);
    expect((await w.request('health')).ok).toBe(true);
    expect((await w.request('config.patch', { patch: {} }).catch((e) => e)).error.code).toBe('FORBIDDEN');
    w.close();
  });

  it('every request gets exactly one final response with its id', async () => {
    const s = await ready(['operator.read']);
    const sent: string[] = [];
    const kinds = [
      { method: 'health' },
      { method: 'status' },
      { method: 'nope.nope' },
      { method: 'logs.tail', params: { limit: -1 } },
      { method: 'config.set', params: { raw: '{}' } },
      { method: 'system-presence' },
      { method: 'config.schema' },
    ];
    for (let i = 0; i < 70; i++) {
      const id = `r${i}`;
      sent.push(id);
      s.send({ type: 'req', id, ...kinds[i % kinds.length] });
    }
    await s.next((f) => f.id === 'r69');
    await sleep(300);
    const responses = s.frames.filter((f) => f.type === 'res' && f.id !== 'c1');
    const counts = new Map<string, number>();
    for (const r of responses) counts.set(r.id, (counts.get(r.id) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...sent].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const byId = new Map(responses.map((r) => [r.id, r]));
    expect(byId.get('r0').ok).toBe(true);
    expect(byId.get('r2').error.code).toBe('NOT_FOUND');
    expect(byId.get('r3').error.code).toBe('INVALID_REQUEST');
    expect(byId.get('r4').error.code).toBe('FORBIDDEN');
    s.ws.close();
  });
});

describe('limits', () => {
  it('a frame of exactly maxPayload (524288 bytes) is accepted', async () => {
    const s = await ready();
    const head = '{"type":"req","id":"edge","method":"health","params":{"pad":"';
    const tail = '"}}';
    const frame = head + 'x'.repeat(524_288 - head.length - tail.length) + tail;
    expect(Buffer.byteLength(frame)).toBe(524_288);
    s.send(frame);
    expect((await s.next((f) => f.id === 'edge')).ok).toBe(true);
    s.ws.close();
  });

  it('a frame over maxPayload closes 1009; other clients are unaffected', async () => {
    const other = await gw.client();
    const s = await ready();
    s.send(`{"type":"req","id":"big","method":"health","params":{"pad":"${'x'.repeat(524_289)}"}}`);
    expect((await s.closed).code).toBe(1009);
    expect((await other.request('health')).ok).toBe(true);
    other.close();
    // Logged as the client's protocol error in one line, not as our failure with a stack trace.
    const log = path.join(gw.stateDir, 'logs', 'gateway.log');
    let entry: any;
    for (let i = 0; i < 100 && !entry; i++) {
      entry = fs
        .readFileSync(log, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l))
        .find((e) => e.code === 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH');
      if (!entry) await sleep(50);
    }
    expect(entry).toMatchObject({ msg: 'websocket protocol error from the client', level: 30 });
    expect(JSON.stringify(entry)).not.toContain('"stack"');
  });

  it('a client that reads is never cut for one big response: logs.tail of 1 MiB heavy-escaping lines', async () => {
    const line = `${JSON.stringify({ level: 30, msg: '\\'.repeat(200) + '"'.repeat(50) })}\n`;
    const file = path.join(gw.stateDir, 'logs', 'gateway.log');
    fs.appendFileSync(file, line.repeat(Math.ceil(1_100_000 / line.length)));
    const c = await gw.client();
    const r = await c.request('logs.tail', { maxBytes: 1_048_576, limit: 5000 });
    expect(r.lines.length).toBeGreaterThan(100);
    expect(r.truncated).toBe(true);
    expect(JSON.stringify(r.lines).length).toBeLessThanOrEqual(1_048_578);
    expect(c.closeCode).toBeUndefined();
    expect((await c.request('health')).ok).toBe(true);
    c.close();
  });

  it('a slow consumer (stops reading past maxBufferedBytes) is closed 1013 and freed; others unaffected', async () => {
    // Give logs.tail something big to return: ~1.2 MB of log lines.
    const line = `${JSON.stringify({ level: 30, msg: 'padding for the slow consumer test', pad: 'p'.repeat(250) })}\n`;
    fs.appendFileSync(path.join(gw.stateDir, 'logs', 'gateway.log'), line.repeat(Math.ceil(1_200_000 / line.length)));
    const slow = await gw.client({ instanceId: 'slow-reader' });
    const bystander = await gw.client({ instanceId: 'bystander' });
    const before = (await bystander.request('status')).connections;
    // Stop reading: whatever the gateway sends this client can only pile up.
    (slow.socket as any)._socket.pause();
    const outputBefore = gw.output().length;
    const cut = () => gw.output().slice(outputBefore).includes('slow consumer closed (1013)');
    let asked = 0;
    for (let i = 0; i < 60 && !cut(); i++) {
      for (let j = 0; j < 5; j++, asked++)
        slow.request('logs.tail', { maxBytes: 1_048_576, limit: 5000 }).catch(() => undefined);
      await sleep(50);
    }
    for (let i = 0; i < 40 && !cut(); i++) await sleep(50);
    expect(cut()).toBe(true);
    // About 1 MB per response: far more than maxBufferedBytes was queued before the cut.
    expect(asked).toBeGreaterThan(2);
    // Read again: the backlog drains and the 1013 close frame follows it.
    (slow.socket as any)._socket.resume();
    expect(await slow.waitForClose(5000)).toBe(1013);
    expect(slow.closeReason).toContain('slow consumer');
    expect(bystander.closeCode).toBeUndefined();
    expect((await bystander.request('health')).ok).toBe(true);
    // Freed: the gateway no longer holds the connection.
    let after = before;
    for (let i = 0; i < 40 && after >= before; i++) {
      after = (await bystander.request('status')).connections;
      if (after >= before) await sleep(100);
    }
    expect(after).toBe(before - 1);
    bystander.close();
  });
});
