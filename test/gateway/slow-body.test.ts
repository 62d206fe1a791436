import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GatewayProcess, startGateway } from '../support/gateway-process.js';

const TOKEN = 'slow-body-token-0123456789abcdef0123456789';
let gw: GatewayProcess;
beforeAll(async () => {
  gw = await startGateway({ token: TOKEN, config: { gateway: { auth: { token: TOKEN }, requestTimeoutMs: 1000 } } });
});
afterAll(async () => {
  await gw?.stop();
});

describe('slow request bodies', () => {
  it('cuts a request whose body misses gateway.requestTimeoutMs (408), without affecting others', async () => {
    const sock = net.connect(gw.port, '127.0.0.1');
    await new Promise((r) => sock.once('connect', r));
    let answer = '';
    sock.on('data', (d) => (answer += d.toString()));
    const closed = new Promise<number>((resolve) => sock.once('close', () => resolve(Date.now())));
    const started = Date.now();
    // Promise 1000 bytes, send 10, then go quiet.
    sock.write(
      `POST /tools/invoke HTTP/1.1\r\nHost: 127.0.0.1:${gw.port}\r\nAuthorization: Bearer ${TOKEN}\r\nContent-Type: ` +
        'application/json\r\nContent-Length: 1000\r\n\r\n{"tool":"x',
    );
    const ok = await fetch(`http://127.0.0.1:${gw.port}/tools/invoke`, {
      method: 'GET',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(ok.status).toBe(405);
    const at = await closed;
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(at - started).toBeGreaterThanOrEqual(900);
    expect(at - started).toBeLessThan(5000);
  });
});
